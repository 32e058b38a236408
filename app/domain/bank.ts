// The theory question bank: item schema, file validation with file:line messages, version hash.
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { isMap, isSeq, LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { AREA_CODES, AREAS, BASIC_AREAS, type Area, type Level } from "./levels";
import { REQUIREMENTS } from "./standard";
import { parseYamlList } from "./yaml-list";

export const ITEM_TYPES = ["判断", "单选", "多选"] as const;
export type ItemType = (typeof ITEM_TYPES)[number];
export const JUDGE_KEYS = ["正确", "错误"] as const;

const letter = z.enum(["A", "B", "C", "D", "E"]);

/** Review workflow states (README "Review"); `retired: true` is the same as `status: retired`. */
export const ITEM_STATUSES = ["draft", "reviewed", "active", "retired"] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** Lowercase ASCII kebab-case, e.g. `l5-xkf-32-on-the-spot-fix`. */
export const ENEMY_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return days !== undefined && d >= 1 && d <= days;
}

/** Longest reason of a return (退回) written into an item's `returned`. */
export const RETURN_REASON_MAX = 200;

const isoDate = () => z.string().refine(isIsoDate, "应为 YYYY-MM-DD 格式的日期");
const person = z.string().trim().min(1, "姓名不能为空");

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
    law: z
      .object({ name: z.string().min(2), article: z.string().min(1), version: isoDate().optional() })
      .strict()
      .optional(),
    retired: z.boolean().optional(),
    enemy: z.string().regex(ENEMY_PATTERN, "enemy 应为小写英文字母、数字和连字符（如 l5-xkf-32-on-the-spot-fix）").optional(),
    status: z.enum(ITEM_STATUSES, { message: "status 应为 draft/reviewed/active/retired" }).optional(),
    author: person.optional(),
    reviewer: person.optional(),
    reviewed: isoDate().optional(),
    returned: z
      .object({ by: person, date: isoDate(), reason: z.string().trim().min(1, "退回理由不能为空").max(RETURN_REASON_MAX, "退回理由过长") })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((it, ctx) => {
    const issue = (message: string, path: string) => ctx.addIssue({ code: "custom", message, path: [path] });
    const basic = BASIC_AREAS.includes(it.area);
    if (basic !== (it.level === "common"))
      issue(basic ? "职业道德/基础知识的 level 应为 common" : "工作要求类题目的 level 应为 L5/L4/L3", "level");
    const prefix = `T-${it.level === "common" ? "C" : it.level}-${AREA_CODES[it.area]}-`;
    if (!it.id.startsWith(prefix)) issue(`id 应以 ${prefix} 开头`, "id");
    const req = REQUIREMENTS.get(it.requirement);
    if (!req) issue(`标准中没有要求代码 ${it.requirement}`, "requirement");
    else if (req.area !== it.area || req.level !== it.level)
      issue(`要求代码 ${it.requirement} 属于 ${req.level} ${req.area}，与本题不符`, "requirement");
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
    // Every law item names the text it follows (question-bank/laws.yaml `version`).
    if (it.law && it.law.version === undefined)
      issue("law 缺少 version（该法律现行文本的日期 YYYY-MM-DD，见 question-bank/laws.yaml）", "law");
    // Review workflow.
    if (it.reviewer !== undefined && it.author !== undefined && it.reviewer.trim() === it.author.trim()) {
      issue("审核人不能是作者本人", "reviewer");
    }
    if (it.reviewed !== undefined && it.reviewer === undefined) issue("写了 reviewed 日期却没有 reviewer", "reviewed");
    if (it.reviewer !== undefined && it.reviewed === undefined) issue("写了 reviewer 却没有 reviewed 日期", "reviewer");
    if (
      (it.status === "reviewed" || it.status === "active") &&
      it.author !== undefined &&
      (it.reviewer === undefined || it.reviewed === undefined)
    ) {
      issue(`有作者的题目要设为 ${it.status}，须先经他人审核（写 reviewer 和 reviewed）`, "status");
    }
    if (it.retired === true && it.status !== undefined && it.status !== "retired")
      issue(`retired: true 与 status: ${it.status} 矛盾`, "status");
    if (it.retired === false && it.status === "retired") issue("status: retired 与 retired: false 矛盾", "status");
    if (
      it.returned !== undefined &&
      itemStatus({ retired: it.retired === true, status: it.status ?? null, author: it.author ?? null }) !== "draft"
    )
      issue("returned（退回记录）只能写在草稿上：修改后重新审核，审核通过时会删除这一行", "returned");
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
  /**
   * `version`: YYYY-MM-DD of the law's text the item follows (question-bank/laws.yaml); required
   * by the validator, optional here only for rows imported before it was.
   */
  law: { name: string; article: string; version?: string } | null;
  /** True for `retired: true` and for `status: retired`. */
  retired: boolean;
  // The review fields below are always set (null when absent) by loadBank and currentBank; they
  // are optional only so that code building partial items in memory need not name them.
  /** Items that test the same fact share a tag; a paper holds at most one item of a tag. */
  enemy?: string | null;
  /** As written in the file (null if absent); see itemStatus() for the effective state. */
  status?: ItemStatus | null;
  author?: string | null;
  reviewer?: string | null;
  /** YYYY-MM-DD of the review. */
  reviewed?: string | null;
  /**
   * A draft sent back to its author (退回): who, when (YYYY-MM-DD) and why. Present only when the
   * file has it (never null), so that items without it hash as before.
   */
  returned?: { by: string; date: string; reason: string };
};

/**
 * The effective review state: retired wins; then the written status; an item without status is
 * a draft if it names an author, else a legacy item that counts as active.
 */
export function itemStatus(i: Pick<BankItem, "retired" | "status" | "author">): ItemStatus {
  if (i.retired || i.status === "retired") return "retired";
  if (i.status) return i.status;
  return i.author ? "draft" : "active";
}

/** Whether new papers may use the item: reviewed or active (legacy items count as active). */
export function isEligible(i: Pick<BankItem, "retired" | "status" | "author">): boolean {
  const s = itemStatus(i);
  return s === "active" || s === "reviewed";
}

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
          errors.push(
            `${file.path}:${lineOf(issue.path[0] as string)}: ${raw.id ?? "（无 id）"} ${issue.path.join(".") || ""} ${issue.message}`.replace(
              /\s+/g,
              " ",
            ),
          );
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
        id: it.id,
        type: it.type,
        level: it.level,
        area: it.area,
        requirement: it.requirement,
        stem: it.stem,
        options: it.options ?? null,
        key: Array.isArray(it.key) ? [...it.key].sort() : it.key,
        explanation: it.explanation,
        law: it.law ?? null,
        retired: it.retired === true || it.status === "retired",
        enemy: it.enemy ?? null,
        status: it.status ?? null,
        author: it.author?.trim() ?? null,
        reviewer: it.reviewer?.trim() ?? null,
        reviewed: it.reviewed ?? null,
        ...(it.returned ? { returned: { by: it.returned.by.trim(), date: it.returned.date, reason: it.returned.reason.trim() } } : {}),
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

export type ReviewEdit = { ok: true; text: string } | { ok: false; message: string };

/**
 * A change of an item's review state, as the `bank` CLI and the review screen (/bank/review) make it:
 * - `activate` (审核通过并启用): `status: active`, `reviewer`, `reviewed`; drops a `returned` line;
 * - `return` (退回): back to `status: draft` with `returned: {by, date, reason}`; drops `reviewer`
 *   and `reviewed` (a returned item needs a new review);
 * - `retire` (停用): `status: retired` (and `retired: true` where the item writes `retired:`).
 */
export type StatusChange =
  { kind: "activate"; reviewer: string; date: string } | { kind: "return"; by: string; date: string; reason: string } | { kind: "retire" };

/** A YAML plain scalar when that is safe, else a double-quoted one. */
function yamlScalar(s: string): string {
  return /^[\p{Script=Han}A-Za-z][\p{Script=Han}A-Za-z0-9_·. -]*$/u.test(s) &&
    !/\s$/.test(s) &&
    !/^(true|false|null|yes|no|on|off|~)$/i.test(s)
    ? s
    : JSON.stringify(s);
}

const STATUS_AFTER: Record<StatusChange["kind"], ItemStatus> = { activate: "active", return: "draft", retire: "retired" };

/** Which states a change may start from (itemStatus), and the refusal otherwise. */
function refusal(item: BankItem, change: StatusChange): string | null {
  const s = itemStatus(item);
  if (change.kind === "activate") {
    if (s === "retired") return `题目 ${item.id} 已退役，不能审核启用`;
    if (item.author && item.author === change.reviewer.trim())
      return `审核人不能是作者本人（${item.id} 的作者是 ${item.author}），请由其他人审核`;
    return null;
  }
  if (change.kind === "return") {
    if (s === "retired") return `题目 ${item.id} 已退役，不能退回`;
    if (s === "active") return `题目 ${item.id} 已启用，不能退回；如有问题请停用`;
    return null;
  }
  return s === "retired" ? `题目 ${item.id} 已停用` : null;
}

/** Records a review in a bank file's text (see applyStatusChange). */
export function applyReview(file: BankFile, id: string, reviewer: string, date: string): ReviewEdit {
  return applyStatusChange(file, id, { kind: "activate", reviewer, date });
}

/**
 * Applies a review-state change to item `id` of a bank file's text, changing, adding or removing
 * only the lines of that item's review fields. Refuses (in Chinese) when the change does not fit
 * the item (reviewer is the author, retired item …) or the edit would not load cleanly.
 */
export function applyStatusChange(file: BankFile, id: string, change: StatusChange): ReviewEdit {
  const set: [string, string][] = [];
  const remove: string[] = [];
  if (change.kind === "activate") {
    if (!isIsoDate(change.date)) return { ok: false, message: `审核日期应为 YYYY-MM-DD 格式：${change.date}` };
    const name = change.reviewer.trim();
    if (!name) return { ok: false, message: "请写审核人姓名" };
    set.push(["status", "active"], ["reviewer", yamlScalar(name)], ["reviewed", change.date]);
    remove.push("returned");
  } else if (change.kind === "return") {
    if (!isIsoDate(change.date)) return { ok: false, message: `退回日期应为 YYYY-MM-DD 格式：${change.date}` };
    const by = change.by.trim();
    const reason = change.reason.replace(/\s+/g, " ").trim();
    if (!by) return { ok: false, message: "请写退回人姓名" };
    if (!reason) return { ok: false, message: "请写明退回理由" };
    if (reason.length > RETURN_REASON_MAX) return { ok: false, message: `退回理由不能超过 ${RETURN_REASON_MAX} 个字` };
    set.push(["status", "draft"], ["returned", `{ by: ${yamlScalar(by)}, date: ${change.date}, reason: ${JSON.stringify(reason)} }`]);
    remove.push("reviewer", "reviewed");
  } else {
    set.push(["status", "retired"]);
  }

  const before = loadBank([file]);
  const item = before.items.find((i) => i.id === id);
  if (!item) {
    const bad = before.errors.filter((e) => e.includes(id));
    return { ok: false, message: bad.length ? `题目 ${id} 未通过校验，请先修正：\n${bad.join("\n")}` : `${file.path} 中没有题目 ${id}` };
  }
  const refused = refusal(item, change);
  if (refused) return { ok: false, message: refused };

  const lc = new LineCounter();
  const doc = parseDocument(file.text, { lineCounter: lc });
  if (!isSeq(doc.contents)) return { ok: false, message: `${file.path} 不是题目列表` };
  const node = doc.contents.items.find((n) => isMap(n) && (n.get("id") as unknown) === id);
  if (!isMap(node) || node.items.length === 0) return { ok: false, message: `${file.path} 中没有题目 ${id}` };
  type Pair = (typeof node.items)[number];
  const lines = file.text.split("\n");
  const lineAt = (offset: number) => lc.linePos(offset).line;
  const keyLine = (p: Pair) => lineAt((p.key as { range?: number[] }).range![0]);
  /** Last line (1-based) of a pair's value, trailing blank and comment lines left out. */
  const valueEndLine = (p: Pair) => {
    const end = (p.value as { range?: number[] } | null)?.range?.[1] ?? (p.key as { range?: number[] }).range![1];
    let endLine = lineAt(Math.max(0, end - 1));
    while (endLine > keyLine(p) && (lines[endLine - 1].trim() === "" || lines[endLine - 1].trim().startsWith("#"))) endLine--;
    return endLine;
  };
  const pairOf = (key: string) => node.items.find((p) => (p.key as { value?: unknown }).value === key);
  const indent = " ".repeat(lc.linePos((node.items[0].key as { range?: number[] }).range![0]).col - 1);

  // Edits on the original line numbers (1-based, inclusive ranges), applied from the bottom up.
  const edits: { from: number; to: number; with: string[] }[] = [];
  const inserts: string[] = [];
  for (const [key, value] of set) {
    const pair = pairOf(key);
    if (!pair) {
      inserts.push(`${indent}${key}: ${value}`);
      continue;
    }
    const n = keyLine(pair);
    const last = valueEndLine(pair);
    const comment = last === n ? /\s(#.*)$/.exec(lines[n - 1])?.[1] : undefined;
    edits.push({ from: n, to: last, with: [`${indent}${key}: ${value}${comment ? ` ${comment}` : ""}`] });
  }
  for (const key of remove) {
    const pair = pairOf(key);
    if (pair) edits.push({ from: keyLine(pair), to: valueEndLine(pair), with: [] });
  }
  // `retired: false` next to `status: retired` contradicts it: retiring writes both.
  const retiredPair = pairOf("retired");
  if (change.kind === "retire" && retiredPair) {
    edits.push({ from: keyLine(retiredPair), to: valueEndLine(retiredPair), with: [`${indent}retired: true`] });
  }
  if (inserts.length) {
    // After the item's last line of content (its last value may span several lines).
    const last = node.items[node.items.length - 1];
    let endLine = valueEndLine(last);
    while (endLine > 1 && (lines[endLine - 1].trim() === "" || lines[endLine - 1].trim().startsWith("#"))) endLine--;
    edits.push({ from: endLine + 1, to: endLine, with: inserts });
  }
  edits.sort((a, b) => b.from - a.from || b.to - a.to);
  for (const e of edits) lines.splice(e.from - 1, e.to - e.from + 1, ...e.with);
  const text = lines.join("\n");

  const after = loadBank([{ path: file.path, text }]);
  const edited = after.items.find((i) => i.id === id);
  const others = (l: BankLoad) => JSON.stringify(l.items.filter((i) => i.id !== id));
  if (
    !edited ||
    after.errors.length > before.errors.length ||
    others(after) !== others(before) ||
    itemStatus(edited) !== STATUS_AFTER[change.kind]
  ) {
    return { ok: false, message: `无法安全地修改 ${file.path} 中的 ${id}，请手工编辑：\n${after.errors.join("\n")}` };
  }
  return { ok: true, text };
}
