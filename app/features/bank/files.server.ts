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
      else if (e.name.endsWith(".yaml") || e.name.endsWith(".yml")) out.push({ path: path.relative(process.cwd(), p), text: fs.readFileSync(p, "utf8") });
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
