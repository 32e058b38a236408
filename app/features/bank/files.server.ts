import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { applyStatusChange, bankVersion, loadBank, type BankFile, type BankItem, type StatusChange } from "~/domain/bank";

export const BANK_DIR = path.resolve(process.env.BANK_DIR ?? "question-bank/theory");

export function readBankFiles(dir = BANK_DIR): BankFile[] {
  const out: BankFile[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".yaml") || e.name.endsWith(".yml"))
        out.push({ path: path.relative(process.cwd(), p), text: fs.readFileSync(p, "utf8") });
    }
  };
  walk(dir);
  return out;
}

/** The bank on disk, validated; `version` is its content hash. */
export function loadBankFromDisk(dir = BANK_DIR): { items: BankItem[]; errors: string[]; version: string } {
  const { items, errors } = loadBank(readBankFiles(dir));
  return { items, errors, version: bankVersion(items) };
}

/** question-bank/laws.yaml (next to the theory folder unless LAWS_FILE says otherwise). */
export const LAWS_FILE = path.resolve(process.env.LAWS_FILE ?? path.join(path.dirname(BANK_DIR), "laws.yaml"));

export function readLawsFile(file = LAWS_FILE): { path: string; text: string } {
  return { path: path.relative(process.cwd(), file), text: fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "" };
}

/** The file of `files` that holds item `id` (a line `- id: <id>`), if any. */
export function findItemFile(files: readonly BankFile[], id: string): BankFile | undefined {
  const safe = id.replace(/[^A-Za-z0-9-]/g, "");
  const re = new RegExp(`^\\s*-\\s+id:\\s*["']?${safe}["']?\\s*(#.*)?$`, "m");
  return files.find((f) => re.test(f.text));
}

const LOCK_STALE_MS = 30_000;
const LOCK_WAIT_MS = 5_000;

/** The lock file of a bank folder (in the OS temp folder, so that it never shows in the repo). */
function lockPath(dir: string): string {
  const tag = encodeHexLowerCase(sha256(new TextEncoder().encode(path.resolve(dir)))).slice(0, 16);
  return path.join(os.tmpdir(), `zhengwu-bank-${tag}.lock`);
}

let inProcess: Promise<unknown> = Promise.resolve();

/**
 * Runs `work` while holding the bank folder's write lock: one writer at a time within this process
 * (a promise chain) and across processes (an exclusive lock file; a lock older than 30 s is taken
 * as left behind by a crash). `{ ok: false }` when the lock could not be had within 5 s.
 */
export async function withBankLock<T>(work: () => Promise<T> | T, dir = BANK_DIR): Promise<{ ok: true; value: T } | { ok: false }> {
  const run = async (): Promise<{ ok: true; value: T } | { ok: false }> => {
    const file = lockPath(dir);
    const until = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      try {
        fs.writeFileSync(file, String(process.pid), { flag: "wx" });
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
        try {
          if (Date.now() - fs.statSync(file).mtimeMs > LOCK_STALE_MS) fs.rmSync(file, { force: true });
        } catch {
          // gone meanwhile: try again
        }
        if (Date.now() > until) return { ok: false };
        await new Promise((r) => setTimeout(r, 25));
      }
    }
    try {
      return { ok: true, value: await work() };
    } finally {
      fs.rmSync(file, { force: true });
    }
  };
  const next = inProcess.then(run, run);
  inProcess = next.catch(() => undefined);
  return next;
}

/** `previous`: the file's text before, so that a caller whose next step fails can put it back. */
/** Writes a file through a temporary file renamed over it. */
export function writeFileAtomic(target: string, text: string): void {
  const tmp = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, target);
}

export type ItemFileEdit = { ok: true; path: string; text: string; previous: string } | { ok: false; status: 404 | 409; message: string };

/**
 * Changes the review state of item `id` in its file under `dir` and writes the file (a temporary
 * file renamed over it, so a reader never sees half a file). The one writer of review states: the
 * `bank review` command and the review screen both call it. The caller holds the bank lock.
 */
export function writeItemStatus(id: string, change: StatusChange, dir = BANK_DIR): ItemFileEdit {
  const file = findItemFile(readBankFiles(dir), id);
  if (!file) return { ok: false, status: 404, message: `题库中没有题目 ${id}。` };
  const r = applyStatusChange(file, id, change);
  if (!r.ok) return { ok: false, status: 409, message: r.message };
  writeFileAtomic(path.resolve(file.path), r.text);
  return { ok: true, path: file.path, text: r.text, previous: file.text };
}
