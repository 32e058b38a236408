// question-bank/laws.yaml: the laws and standards the bank cites, each with the date of its current
// text (`version`) and when that text took effect. Pure: the caller reads the file.
import { z } from "zod";
import { isIsoDate } from "./bank";
import { parseYamlList } from "./yaml-list";

export type Law = { name: string; aliases: string[]; version: string; effective: string; note: string };
export type LawBook = { laws: Law[]; errors: string[] };

const date = z.string().refine(isIsoDate, "应为 YYYY-MM-DD 格式的日期");
const lawSchema = z
  .object({
    name: z.string().trim().min(2, "name 过短"),
    aliases: z.array(z.string().trim().min(2)).optional(),
    version: date,
    effective: date,
    note: z.string().trim().min(2, "请写 note"),
  })
  .strict()
  .superRefine((l, ctx) => {
    if (isIsoDate(l.version) && isIsoDate(l.effective) && l.effective < l.version)
      ctx.addIssue({ code: "custom", message: "不能早于 version", path: ["effective"] });
  });

/** Parses laws.yaml; errors are "path:line: message" in Chinese. */
export function loadLaws(path: string, text: string): LawBook {
  const { entries, errors } = parseYamlList(path, text, "法律法规");
  const laws: Law[] = [];
  const seen = new Map<string, number>();
  for (const { line, raw, lineOf } of entries) {
    const parsed = lawSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        errors.push(
          `${path}:${lineOf(issue.path[0] as string)}: ${String(raw.name ?? "（无 name）")} ${issue.path.join(".")} ${issue.message}`.replace(
            /\s+/g,
            " ",
          ),
        );
      }
      continue;
    }
    const l = parsed.data;
    const law: Law = { name: l.name, aliases: l.aliases ?? [], version: l.version, effective: l.effective, note: l.note };
    for (const k of lawKeys(law)) {
      const prev = seen.get(k);
      if (prev !== undefined) errors.push(`${path}:${line}: 名称或别名「${k}」与第 ${prev} 行的条目重复`);
      else seen.set(k, line);
    }
    laws.push(law);
  }
  return { laws, errors };
}

const PRC = "中华人民共和国";
/** "GB/T 39735—2020 政务服务评价工作指南" → code "GB/T 39735", title "政务服务评价工作指南". */
const STANDARD = /^(GB(?:\/T)?\s*\d+(?:\.\d+)?)(?:\s*[—–-]\s*\d{4})?\s*(.*)$/;

/** Every way a stem, an explanation or an item's law.name may name this law. */
export function lawKeys(law: Pick<Law, "name" | "aliases">): string[] {
  const keys = new Set<string>([law.name, ...law.aliases]);
  if (law.name.startsWith(PRC) && law.name.length > PRC.length + 1) keys.add(law.name.slice(PRC.length));
  const m = STANDARD.exec(law.name);
  if (m) {
    keys.add(normalizeCode(m[1]));
    if (m[2]) keys.add(m[2].trim());
  }
  return [...keys];
}

/** "GB/T39735" and "GB/T 39735" alike. */
export function normalizeCode(code: string): string {
  return code
    .replace(/\s+/g, "")
    .replace(/^GB\/T/, "GB/T ")
    .replace(/^GB(?=\d)/, "GB ");
}

/** Finds a law by any of its keys (see lawKeys); standards also by "GB/T n" with or without year. */
export function lawFinder(laws: readonly Law[]): (name: string) => Law | undefined {
  const byKey = new Map<string, Law>();
  for (const l of laws) for (const k of lawKeys(l)) byKey.set(k, l);
  return (name) => {
    const n = name.trim();
    const direct = byKey.get(n);
    if (direct) return direct;
    const m = STANDARD.exec(n);
    if (m) {
      const code = normalizeCode(m[1]);
      // a part of a standard in parts (GB/T 32170.1) is found under the whole standard
      return byKey.get(code) ?? byKey.get(code.replace(/\.\d+$/, "")) ?? (m[2] ? byKey.get(m[2].trim()) : undefined);
    }
    return undefined;
  };
}
