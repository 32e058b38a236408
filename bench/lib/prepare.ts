// Everything a benchmark needs before it starts: the production build (built when missing), a
// private copy of it, and a scratch database (migrated + seeded with the app's own migrations and
// seed, never data/app.db).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const WORK = path.join(root, "bench", ".work");

const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

export function run(cmd: string, args: string[], env: Record<string, string> = {}, quiet = false) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit", env: { ...process.env, ...env } });
  if (r.status !== 0) {
    if (quiet) process.stderr.write(`${r.stdout ?? ""}${r.stderr ?? ""}`);
    throw new Error(`command failed (${r.status}): ${cmd} ${args.join(" ")}`);
  }
}

export function log(msg: string) {
  const t = new Date().toISOString().slice(11, 19);
  console.log(`[${t}] ${msg}`);
}

/** `npm run build` when build/ is missing (a fresh clone after `npm ci`), or when asked to. */
export function ensureBuild(force: boolean) {
  const out = path.join(root, "build", "server", "index.js");
  if (force || !fs.existsSync(out)) {
    log(force ? "building the production bundle (--rebuild)…" : "build/ is missing: building the production bundle…");
    run(bin("react-router"), ["build"]);
  }
}

/**
 * Copies build/ into bench/.work/<name>/build and returns that directory: server.js is started
 * there (it reads build/ relative to its working directory), so a rebuild of the shared tree
 * while a benchmark runs cannot swap the server's assets underneath it.
 */
export function snapshotBuild(name: string, from = path.join(root, "build")): string {
  const dir = path.join(WORK, name);
  if (!fs.existsSync(path.join(from, "server", "index.js"))) throw new Error(`no production build in ${from}`);
  fs.rmSync(path.join(dir, "build"), { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.cpSync(from, path.join(dir, "build"), { recursive: true });
  return dir;
}

function hashTree(h: ReturnType<typeof createHash>, dir: string) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) hashTree(h, p);
    else h.update(p).update(fs.readFileSync(p));
  }
}

export function removeDatabase(file: string) {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
}

/** Folds the WAL into the main file so that copying the main file alone copies everything. */
export function checkpoint(file: string) {
  const d = new Database(file);
  d.pragma("wal_checkpoint(TRUNCATE)");
  d.close();
}

/**
 * A migrated and seeded database (the demo data of `npm start`), cached under bench/.work by a
 * hash of the migrations, the seed and the question bank, then copied to `target`.
 */
export function freshDatabase(target: string): string {
  fs.mkdirSync(WORK, { recursive: true });
  const h = createHash("sha256");
  hashTree(h, path.join(root, "prisma", "migrations"));
  h.update(fs.readFileSync(path.join(root, "prisma", "seed.ts")));
  hashTree(h, path.join(root, "question-bank"));
  const base = path.join(WORK, `base-${h.digest("hex").slice(0, 12)}.db`);
  if (!fs.existsSync(base)) {
    for (const f of fs.readdirSync(WORK)) if (/^base-.*\.db/.test(f)) fs.rmSync(path.join(WORK, f), { force: true });
    log(`creating the base database ${path.relative(root, base)} (prisma migrate deploy + seed)…`);
    const tmp = `${base}.tmp`;
    removeDatabase(tmp);
    const env = { DATABASE_URL: `file:${tmp}` };
    run(bin("prisma"), ["migrate", "deploy"], env, true);
    run(bin("tsx"), ["prisma/seed.ts"], env, true);
    checkpoint(tmp);
    fs.renameSync(tmp, base);
    removeDatabase(tmp);
  }
  removeDatabase(target);
  fs.copyFileSync(base, target);
  return target;
}

export function machineInfo() {
  const cpuinfo = fs.existsSync("/proc/cpuinfo") ? fs.readFileSync("/proc/cpuinfo", "utf8") : "";
  const model = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? "unknown";
  return {
    cores: os.cpus().length,
    memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
    cpuModel: model.trim(),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    loadAverage: os.loadavg().map((x) => +x.toFixed(2)),
  };
}

/** The machine's figures, logged once at the start of a benchmark. */
export function logMachine() {
  const machine = machineInfo();
  log(
    `machine: ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.cpuModel}, node ${machine.node}, load ${machine.loadAverage.join(" ")}`,
  );
  return machine;
}

export function writeJson(name: string, value: unknown) {
  fs.mkdirSync(WORK, { recursive: true });
  const file = path.join(WORK, name);
  fs.writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
}

/** A run's figures, kept in the repository: bench/results/<date>-<name>.json. */
export function writeResult(name: string, value: unknown) {
  const dir = path.join(root, "bench", "results");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${new Date().toISOString().slice(0, 10)}-${name}.json`);
  fs.writeFileSync(file, JSON.stringify(value, null, 2) + "\n");
  return file;
}
