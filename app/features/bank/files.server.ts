import fs from "node:fs";
import path from "node:path";
import { bankVersion, loadBank, type BankFile, type BankItem } from "~/domain/bank";

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
