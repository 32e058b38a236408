// The theory question bank: item schema, file validation with file:line messages, version hash.
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { z } from "zod";
import { AREA_CODES, AREAS, BASIC_AREAS, type Area, type Level } from "./levels";
import { REQUIREMENTS } from "./standard";
import { parseYamlList } from "./yaml-list";

export const ITEM_TYPES = ["判断", "单选", "多选"] as const;
export type ItemType = (typeof ITEM_TYPES)[number];
export const JUDGE_KEYS = ["正确", "错误"] as const;

const letter = z.enum(["A", "B", "C", "D", "E"]);

const itemSchema = z
  .object({
    id: z.string().regex(/^T-(C|L5|L4|L3)-(ZD|JC|ZX|YW|CJ|XC|PX)-\d{4}$/, "id 应形如 T-L5-YW-0001"),
    type: z.enum(ITEM_TYPES, { message: "type 应为 判断/单选/多选" }),
    level: z.enum(["common", "L5", "L4", "L3"], { message: "level 应为 common/L5/L4/L3" }),
    area: z.enum(AREAS, { message: `area 应为 ${AREAS.join("/")}` }),
    requirement: z.string().min(1),
    stem: z.string().trim().min(6, "题干过短"),
    options: z.partialRecord(letter, z.string().trim().min(1, "选项不能为空")).optional(),
    key: z.union([z.string(), z.array(z.string())]),
    explanation: z.string().trim().min(4, "请写解析"),
    law: z.object({ name: z.string().min(2), article: z.string().min(1) }).optional(),
    retired: z.boolean().optional(),
  })
  .strict()
  .superRefine((it, ctx) => {
    const issue = (message: string, path: string) => ctx.addIssue({ code: "custom", message, path: [path] });
    const basic = BASIC_AREAS.includes(it.area);
    if (basic !== (it.level === "common")) issue(basic ? "职业道德/基础知识的 level 应为 common" : "工作要求类题目的 level 应为 L5/L4/L3", "level");
    const prefix = `T-${it.level === "common" ? "C" : it.level}-${AREA_CODES[it.area]}-`;
    if (!it.id.startsWith(prefix)) issue(`id 应以 ${prefix} 开头`, "id");
    const req = REQUIREMENTS.get(it.requirement);
    if (!req) issue(`标准中没有要求代码 ${it.requirement}`, "requirement");
    else if (req.area !== it.area || req.level !== it.level) issue(`要求代码 ${it.requirement} 属于 ${req.level} ${req.area}，与本题不符`, "requirement");
    const letters = Object.keys(it.options ?? {}).sort();
    if (it.type === "判断") {
      if (it.options) issue("判断题不写 options", "options");
      if (typeof it.key !== "string" || !(JUDGE_KEYS as readonly string[]).includes(it.key)) issue("判断题的 key 应为 正确 或 错误", "key");
    } else if (it.type === "单选") {
      if (letters.join("") !== "ABCD") issue("单选题应有且只有 A–D 四个选项", "options");
      if (typeof it.key !== "string" || !letters.includes(it.key)) issue("单选题的 key 应为一个选项字母", "key");
    } else {
      if (letters.join("") !== "ABCD" && letters.join("") !== "ABCDE") issue("多选题应有 A–D 或 A–E 选项", "options");
      const keys = Array.isArray(it.key) ? it.key : [];
      if (keys.length < 2 || new Set(keys).size !== keys.length || keys.some((k) => !letters.includes(k))) {
        issue("多选题的 key 应为两个及以上不重复的选项字母列表", "key");
      }
    }
  });

export type BankItem = {
  id: string;
  type: ItemType;
  level: Level | "common";
  area: Area;
  requirement: string;
  stem: string;
  options: Partial<Record<"A" | "B" | "C" | "D" | "E", string>> | null;
  key: string | string[];
  explanation: string;
  law: { name: string; article: string } | null;
  retired: boolean;
};

export type BankFile = { path: string; text: string };
export type BankLoad = { items: BankItem[]; errors: string[] };

function normalizeStem(stem: string): string {
  return stem.replace(/[\s，。、；：？！“”‘’（）()《》,.;:?!"'_\-—]/g, "");
}

/** Parses and validates every file; errors are "path:line: message" in Chinese. */
export function loadBank(files: readonly BankFile[]): BankLoad {
  const items: BankItem[] = [];
  const errors: string[] = [];
  const ids = new Map<string, string>();
  const stems = new Map<string, string>();
  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const { entries, errors: fileErrors } = parseYamlList(file.path, file.text, "题目");
    errors.push(...fileErrors);
    for (const { line, raw, lineOf } of entries) {
      const where = `${file.path}:${line}`;
      const parsed = itemSchema.safeParse(raw);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          errors.push(`${file.path}:${lineOf(issue.path[0] as string)}: ${raw.id ?? "（无 id）"} ${issue.path.join(".") || ""} ${issue.message}`.replace(/\s+/g, " "));
        }
        continue;
      }
      const it = parsed.data;
      const prev = ids.get(it.id);
      if (prev) errors.push(`${where}: id ${it.id} 重复（另见 ${prev}）`);
      ids.set(it.id, where);
      const s = normalizeStem(it.stem);
      const prevStem = stems.get(s);
      if (prevStem) errors.push(`${where}: ${it.id} 题干与 ${prevStem} 重复`);
      stems.set(s, `${it.id}（${where}）`);
      items.push({
        id: it.id, type: it.type, level: it.level, area: it.area, requirement: it.requirement, stem: it.stem,
        options: it.options ?? null,
        key: Array.isArray(it.key) ? [...it.key].sort() : it.key,
        explanation: it.explanation, law: it.law ?? null, retired: it.retired ?? false,
      });
    }
  }
  items.sort((a, b) => a.id.localeCompare(b.id));
  return { items, errors };
}

/** Content hash of the whole bank (retired flags included): the "bank version". */
export function bankVersion(items: readonly BankItem[]): string {
  const canonical = JSON.stringify([...items].sort((a, b) => a.id.localeCompare(b.id)));
  return encodeHexLowerCase(sha256(new TextEncoder().encode(canonical))).slice(0, 12);
}
