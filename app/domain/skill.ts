// The skill (practical) part: task schema, paper assembly to table 4.2, and the scoring rules
// (REFERENCE §1.2, §2, §2.1).
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { z } from "zod";
import { AREA_CODES, LEVEL_LABELS, PASS_MARK, SKILL_WEIGHTS, type Area, type Level } from "./levels";
import { seededRandom } from "./random";
import { REQUIREMENTS } from "./standard";
import { parseYamlList } from "./yaml-list";

const half = z.number().refine((n) => Number.isInteger(n * 2), "分值应为整数或 .5");
const criterionSchema = z
  .object({
    criterion: z.string().trim().min(2, "请写评分要素"),
    points: half.refine((n) => n > 0, "分值应大于 0"),
    scoring: z.string().trim().min(4, "请写评分标准（得分与扣分规则）"),
    requirement: z.string(),
  })
  .strict();

const taskSchema = z
  .object({
    id: z.string().regex(/^S-(L5|L4|L3)-(ZX|YW|CJ|XC|PX)-\d{2}$/, "id 应形如 S-L5-ZX-01"),
    level: z.enum(["L5", "L4", "L3"], { message: "level 应为 L5/L4/L3" }),
    area: z.enum(["咨询引导", "业务办理", "综合出件", "现场管理", "培训与管理"], { message: "area 应为技能权重表中的区域" }),
    title: z.string().trim().min(4, "请写任务名称"),
    points: z
      .number()
      .int()
      .min(5)
      .max(50)
      .refine((n) => n % 5 === 0, "任务分值应为 5 的倍数"),
    minutes: z.number().int().min(5, "时间至少 5 分钟").max(60, "单个任务不超过 60 分钟"),
    mandatory: z.boolean().default(false),
    requirements: z.array(z.string()).min(1, "请列出考核的技能要求代码"),
    notice: z.string().trim().min(10, "请写考核准备通知单"),
    sheet: z.string().trim().min(10, "请写试题单"),
    materials: z.array(z.string().trim().min(1)).min(1, "请列出考场准备的材料"),
    rubric: z.array(criterionSchema).min(2, "评分要素至少 2 条"),
    retired: z.boolean().optional(),
  })
  .strict()
  .superRefine((t, ctx) => {
    const issue = (message: string, path: (string | number)[]) => ctx.addIssue({ code: "custom", message, path });
    if (!t.id.startsWith(`S-${t.level}-${AREA_CODES[t.area]}-`)) issue(`id 应以 S-${t.level}-${AREA_CODES[t.area]}- 开头`, ["id"]);
    if (SKILL_WEIGHTS[t.level][t.area] === undefined) issue(`${LEVEL_LABELS[t.level]}技能考核没有「${t.area}」区域`, ["area"]);
    const sum = t.rubric.reduce((s, c) => s + c.points, 0);
    if (Math.abs(sum - t.points) > 1e-9) issue(`评分要素分值合计 ${sum}，应等于任务分值 ${t.points}`, ["rubric"]);
    for (const code of [...t.requirements, ...t.rubric.map((c) => c.requirement)]) {
      const req = REQUIREMENTS.get(code);
      if (!req || req.level !== t.level) issue(`${code} 不是${LEVEL_LABELS[t.level]}的技能要求代码`, ["requirements"]);
    }
  });

export type SkillTask = z.infer<typeof taskSchema> & { retired: boolean };
export type SkillFile = { path: string; text: string };

export function loadSkillBank(files: readonly SkillFile[]): { tasks: SkillTask[]; errors: string[] } {
  const tasks: SkillTask[] = [];
  const errors: string[] = [];
  const ids = new Map<string, string>();
  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const { entries, errors: fileErrors } = parseYamlList(file.path, file.text, "任务");
    errors.push(...fileErrors);
    for (const { line, raw, lineOf } of entries) {
      const parsed = taskSchema.safeParse(raw);
      if (!parsed.success) {
        for (const i of parsed.error.issues)
          errors.push(
            `${file.path}:${lineOf(i.path[0] as string)}: ${raw.id ?? "（无 id）"} ${i.path.join(".")} ${i.message}`.replace(/\s+/g, " "),
          );
        continue;
      }
      const prev = ids.get(parsed.data.id);
      if (prev) errors.push(`${file.path}:${line}: id ${parsed.data.id} 重复（另见 ${prev}）`);
      ids.set(parsed.data.id, `${file.path}:${line}`);
      tasks.push({ ...parsed.data, retired: parsed.data.retired ?? false });
    }
  }
  tasks.sort((a, b) => a.id.localeCompare(b.id));
  return { tasks, errors };
}

export function skillBankVersion(tasks: readonly SkillTask[]): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(JSON.stringify(tasks)))).slice(0, 12);
}

// ---- assembly ----

export type SkillPaperItem = {
  id: string;
  type: "实操";
  title: string;
  points: number;
  minutes: number;
  level: Level;
  requirement: string;
  criteria: { criterion: string; points: number; requirement: string }[];
};
export type SkillPaper = {
  level: Level;
  kind: "skill";
  seed: number;
  bankVersion: string;
  totalPoints: number;
  minutes: number;
  sections: { area: Area; weight: number; points: number; items: SkillPaperItem[] }[];
};
export type SkillAssembly = { ok: true; paper: SkillPaper } | { ok: false; message: string };

/** Every subset of `tasks` whose points add up to `target`, each as a list of ids (canonical order). */
export function exactCombinations(tasks: readonly Pick<SkillTask, "id" | "points">[], target: number): string[][] {
  const sorted = [...tasks].sort((a, b) => a.id.localeCompare(b.id));
  const out: string[][] = [];
  const walk = (i: number, left: number, picked: string[]) => {
    if (left === 0) {
      out.push([...picked]);
      return;
    }
    if (i >= sorted.length || left < 0) return;
    picked.push(sorted[i].id);
    walk(i + 1, left - sorted[i].points, picked);
    picked.pop();
    walk(i + 1, left, picked);
  };
  walk(0, target, []);
  return out;
}

/**
 * A skill paper: each area's tasks total exactly its weight in table 4.2; mandatory tasks (必考项)
 * are always in; the rest is one of the exact combinations, chosen by the seed.
 */
export function assembleSkillPaper(bank: readonly SkillTask[], level: Level, seed: number, version: string): SkillAssembly {
  const random = seededRandom(`${version}|${level}|skill|${seed}`);
  const live = bank.filter((t) => !t.retired && t.level === level);
  const sections: SkillPaper["sections"] = [];
  const problems: string[] = [];
  for (const [area, weight] of Object.entries(SKILL_WEIGHTS[level]) as [Area, number][]) {
    const inArea = live.filter((t) => t.area === area);
    const mandatory = inArea.filter((t) => t.mandatory);
    const fixed = mandatory.reduce((s, t) => s + t.points, 0);
    const combos =
      fixed <= weight
        ? exactCombinations(
            inArea.filter((t) => !t.mandatory),
            weight - fixed,
          )
        : [];
    if (combos.length === 0) {
      problems.push(
        `${LEVEL_LABELS[level]}「${area}」没有总分恰为 ${weight} 分的任务组合（现有 ${inArea.length} 个任务${mandatory.length ? `，必考项共 ${fixed} 分` : ""}）`,
      );
      continue;
    }
    const chosen = combos[Math.floor(random() * combos.length)];
    const tasks = [...mandatory, ...inArea.filter((t) => chosen.includes(t.id))];
    sections.push({
      area,
      weight,
      points: tasks.reduce((s, t) => s + t.points, 0),
      items: tasks.map((t) => ({
        id: t.id,
        type: "实操",
        title: t.title,
        points: t.points,
        minutes: t.minutes,
        level: t.level,
        requirement: t.requirements[0],
        criteria: t.rubric.map((c) => ({ criterion: c.criterion, points: c.points, requirement: c.requirement })),
      })),
    });
  }
  if (problems.length) return { ok: false, message: `技能题库不足，无法组卷：${problems.join("；")}` };
  return {
    ok: true,
    paper: {
      level,
      kind: "skill",
      seed,
      bankVersion: version,
      totalPoints: sections.reduce((s, x) => s + x.points, 0),
      minutes: sections.reduce((s, x) => s + x.items.reduce((m, i) => m + i.minutes, 0), 0),
      sections,
    },
  };
}

// ---- scoring ----

/** One examiner's criterion scores for one task; each must lie in [0, the criterion's points]. */
export function checkCriterionScores(criteria: readonly { points: number }[], scores: readonly (number | null)[]): string | null {
  if (scores.length !== criteria.length) return "评分要素数量不符";
  for (const [i, c] of criteria.entries()) {
    const v = scores[i];
    if (v === null) continue;
    if (!Number.isFinite(v) || v < 0 || v > c.points) return `第 ${i + 1} 项评分应在 0 至 ${c.points} 分之间`;
    if (!Number.isInteger(v * 2)) return `第 ${i + 1} 项评分应为整数或 .5 分`;
  }
  return null;
}

/** The spread rule: examiners' totals for a task differing by more than 20 % of its points. */
export const SPREAD_LIMIT = 0.2;

export function needsChiefReview(totals: readonly number[], taskPoints: number): boolean {
  if (totals.length < 2) return false;
  return Math.max(...totals) - Math.min(...totals) > SPREAD_LIMIT * taskPoints + 1e-9;
}

/** An item's score is the examiners' mean; a task's score is the sum of its items' means. */
export function taskScore(sheets: readonly (readonly number[])[]): number {
  if (sheets.length === 0) return 0;
  const n = sheets[0].length;
  let total = 0;
  for (let i = 0; i < n; i++) total += sheets.reduce((s, sheet) => s + sheet[i], 0) / sheets.length;
  return total;
}

/** Shown to two decimals, cut off rather than rounded, so that 59.996 never reads as 60.00. */
export function displayScore(score: number): string {
  return (Math.floor(score * 100 + 1e-9) / 100).toFixed(2).replace(/\.?0+$/, "");
}

export function skillPasses(score: number): boolean {
  return score >= PASS_MARK;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * The part's score (sum over tasks of the examiners' mean) and whether it passes, decided in exact
 * arithmetic: scores are whole or half points, so a mean like 59.999… is never mistaken for 60.
 */
export function partResult(tasks: readonly { sheets: readonly (readonly number[])[] }[]): { score: number; passed: boolean } {
  let num = 0;
  let den = 1;
  for (const t of tasks) {
    const k = t.sheets.length;
    if (k === 0) continue;
    const halves = t.sheets.reduce((s, sheet) => s + sheet.reduce((a, v) => a + Math.round(v * 2), 0), 0);
    const d = 2 * k;
    const l = (den / gcd(den, d)) * d;
    num = num * (l / den) + halves * (l / d);
    den = l;
  }
  return { score: num / den, passed: num >= PASS_MARK * den };
}
