// A synthetic theory bank of any size with the shape of the real one: the same share of items per
// level, area, type and requirement code, the same stems, options and keys (made unique by a
// suffix), and ids in the real id scheme. Used by the micro-benchmarks (in memory) and by the
// import fault run (written as YAML files and loaded by the app's own `npm run bank -- import`).
import fs from "node:fs";
import path from "node:path";
import type { BankItem } from "~/domain/bank";
import { itemsToBankFiles } from "~/domain/bank-exchange";
import { AREA_CODES } from "~/domain/levels";

/**
 * `firstNumber` starts the id numbers of each level and area (5001 keeps them clear of the real
 * bank's ids); `revision` > 0 rewrites every stem (a revised bank: every item changed).
 */
export function syntheticBank(real: readonly BankItem[], size: number, { firstNumber = 5001, revision = 0 } = {}): BankItem[] {
  const live = real.filter((i) => !i.retired);
  const groups = new Map<string, BankItem[]>();
  for (const i of live) {
    const k = `${i.level}|${i.area}`;
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(i);
  }
  const keys = [...groups.keys()].sort();
  const out: BankItem[] = [];
  let remaining = size;
  keys.forEach((k, gi) => {
    const templates = groups.get(k)!;
    const target = gi === keys.length - 1 ? remaining : Math.round((templates.length / live.length) * size);
    remaining -= target;
    for (let n = 0; n < target; n++) {
      const t = templates[n % templates.length];
      const lv = t.level === "common" ? "C" : t.level;
      out.push({
        ...t,
        id: `T-${lv}-${AREA_CODES[t.area]}-${String(firstNumber + n).padStart(4, "0")}`,
        stem: `${t.stem}（样题${n + 1}${revision ? `，修订${revision}` : ""}）`,
        options: t.options ? { ...t.options } : null,
        key: Array.isArray(t.key) ? [...t.key] : t.key,
        retired: false,
      });
    }
  });
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Writes a bank as YAML files in the layout of question-bank/theory (one file per level and area). */
export function writeBankYaml(items: readonly BankItem[], dir: string) {
  fs.rmSync(dir, { recursive: true, force: true });
  const files = itemsToBankFiles(items, "synthetic bank of the fault benchmark");
  for (const f of files) {
    const target = path.join(dir, f.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, f.text);
  }
  return files.length;
}
