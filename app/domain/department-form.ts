// Quarterly department assessment (seed 003, REFERENCE §5): the form rules, quarters, standings
// and history — pure, so that they are testable without the database. The item list, maxima,
// totals and ranking live in ./department.ts.
import { z } from "zod";
import { BASE_MAX, BONUS_MAX, DEPARTMENT_BONUS, DEPARTMENT_ITEMS, departmentTotal, rank, topWithTies } from "./department";
import { shanghaiToday } from "./time";

export type ItemKey = (typeof DEPARTMENT_ITEMS)[number]["key"] | (typeof DEPARTMENT_BONUS)[number]["key"];
export type AssessmentItems = Record<string, { points: number; note: string }>;

/** Every scored line of the form: the ten base items, then the four bonus items. */
export const ASSESSMENT_LINES: readonly { key: ItemKey; name: string; max: number; area: string; kind: "base" | "bonus" }[] = [
  ...DEPARTMENT_ITEMS.map((i) => ({ key: i.key, name: i.name, max: i.max, area: i.area, kind: "base" as const })),
  ...DEPARTMENT_BONUS.map((b) => ({ key: b.key, name: b.name, max: b.max, area: "加分项", kind: "bonus" as const })),
];

/** The four areas in the order of the seed's table, with their maxima (30, 30, 20, 20). */
export const DEPARTMENT_AREAS: readonly { area: string; max: number }[] = DEPARTMENT_ITEMS.reduce<{ area: string; max: number }[]>(
  (out, i) => {
    const a = out.find((x) => x.area === i.area);
    if (a) a.max += i.max;
    else out.push({ area: i.area, max: i.max });
    return out;
  },
  [],
);

/** The seed's 参照标准, shortened, shown under each item of the form. */
export const ITEM_GUIDE: Record<ItemKey, string> = {
  onlineHelp: "在线人工帮办开通事项数、账号登录签到、一分钟响应、解决率及满意度评价等",
  offlineHelp: "中心帮办配合度、上报帮办案例数、帮办质量及“办不成事”反映窗口工作配合",
  consulting: "“一网通办”网上留言咨询、“小宝”咨询回复时效和内容有效性，电话咨询接通和回复",
  serviceRating: "好差评推广、覆盖和处置，各渠道投诉及处理时效和整改（12345、中心总服务台等），办件满意度回访",
  windowSupport: "统一规范的审核要点，及时提供政策法规调整；业务培训、带教和中台支撑；窗口业务纠纷处置",
  coordination: "跨部门协同办理、窗口“啄木鸟”轻应用平台使用情况等",
  windowNorms: "执行综合窗口工作要求，“以科室代窗口”、纸质材料收发、咨询取号、退件、超时受理与办结等",
  onlineMaturity: "网办、全程网办量及占比，网办成熟度及办理深度，“两个免于提交”、电子证照归集等",
  twoCentralizations: "应进事项进驻及审批授权，应进人员进驻及管理",
  discipline: "考勤、请销假、会议等制度和窗口服务礼仪与行为规范；按时完成中心交办任务",
  innovation: "“AI+审批”、远程云导办、“一件事”、跨省通办、自助工作台推广等创新举措",
  outstanding: "帮办突出表现、窗口服务创新、审批流程优化成效、部门内部事项审批通办等",
  publicity: "信息被中心录用，或被市区两级媒体宣传报道",
  other: "其他表现突出的，视情况加分",
};

export const NOTE_MAX = 200;
export const YEAR_MIN = 2000;

// ---- quarters (Asia/Shanghai) ----

export type YearQuarter = { year: number; quarter: number };

/** The quarter that `now` falls in, in Shanghai. */
export function quarterOf(now: Date): YearQuarter {
  const [y, m] = shanghaiToday(now).split("-").map(Number);
  return { year: y, quarter: Math.floor((m - 1) / 3) + 1 };
}

export function previousQuarter({ year, quarter }: YearQuarter): YearQuarter {
  return quarter === 1 ? { year: year - 1, quarter: 4 } : { year, quarter: quarter - 1 };
}

/** The last `n` quarters that ended before `now` (Shanghai), oldest first. */
export function lastCompleteQuarters(now: Date, n: number): YearQuarter[] {
  const out: YearQuarter[] = [];
  let q = quarterOf(now);
  for (let i = 0; i < n; i++) out.unshift((q = previousQuarter(q)));
  return out;
}

/** Negative when a is before b. */
export function compareQuarters(a: YearQuarter, b: YearQuarter): number {
  return a.year - b.year || a.quarter - b.quarter;
}

export function quarterLabel({ year, quarter }: YearQuarter): string {
  return `${year}年第${quarter}季度`;
}

/** The eight quarters of the history: the previous year's and the chosen year's, oldest first. */
export function historyQuarters(year: number): YearQuarter[] {
  return [year - 1, year].flatMap((y) => [1, 2, 3, 4].map((quarter) => ({ year: y, quarter })));
}

/** ?year=&quarter= of the page; missing → the current quarter; anything else malformed → null. */
export function parseQuarterQuery(params: URLSearchParams, now: Date): YearQuarter | null {
  const current = quarterOf(now);
  const y = params.get("year");
  const q = params.get("quarter");
  const year = y === null || y === "" ? current.year : /^\d{4}$/.test(y) ? Number(y) : NaN;
  const quarter = q === null || q === "" ? current.quarter : /^[1-4]$/.test(q) ? Number(q) : NaN;
  if (!Number.isInteger(year) || !Number.isInteger(quarter) || year < YEAR_MIN || year > current.year) return null;
  return { year, quarter };
}

/** Scores may be entered for past quarters and the current one, not for quarters not yet begun. */
export function isFutureQuarter(q: YearQuarter, now: Date): boolean {
  return compareQuarters(q, quarterOf(now)) > 0;
}

// ---- the form ----

/** Full-width digits and the Chinese full stop as typed with a Chinese input method. */
export function normalizeNumber(raw: string): string {
  return raw
    .trim()
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48))
    .replace(/[。．]/g, ".");
}

function pointsField(line: (typeof ASSESSMENT_LINES)[number]) {
  const range = line.kind === "base" ? `${line.name}应在 0 至 ${line.max} 分之间` : `${line.name}加分应在 0 至 ${line.max} 分之间`;
  return z
    .string({ message: `${line.name}应填写数字` })
    .optional()
    .transform((raw, ctx) => {
      const s = normalizeNumber(raw ?? "");
      // A bonus left empty (or not sent) is no bonus; every base item must be scored explicitly.
      if (s === "") {
        if (line.kind === "bonus") return 0;
        ctx.addIssue({ code: "custom", message: `请填写${line.name}得分` });
        return z.NEVER;
      }
      if (!/^\d+(\.\d+)?$/.test(s)) {
        ctx.addIssue({ code: "custom", message: `${line.name}应填写数字` });
        return z.NEVER;
      }
      const v = Number(s);
      if (v < 0 || v > line.max) {
        ctx.addIssue({ code: "custom", message: range });
        return z.NEVER;
      }
      if (!Number.isInteger(v * 2)) {
        ctx.addIssue({ code: "custom", message: `${line.name}以 0.5 分为最小单位` });
        return z.NEVER;
      }
      return v;
    });
}

const noteField = z
  .string()
  .optional()
  .transform((v) => (v ?? "").trim())
  .pipe(z.string().max(NOTE_MAX, `说明不能超过${NOTE_MAX}字`));

const shape: Record<string, z.ZodType> = {
  departmentId: z.string({ message: "请选择部门" }).trim().min(1, "请选择部门").max(40, "部门有误"),
  year: z.coerce.number({ message: "年份有误" }).int("年份有误").min(YEAR_MIN, "年份有误").max(2100, "年份有误"),
  quarter: z.coerce.number({ message: "季度有误" }).int("季度有误").min(1, "季度应为1至4").max(4, "季度应为1至4"),
};
for (const line of ASSESSMENT_LINES) {
  shape[`points.${line.key}`] = pointsField(line);
  shape[`note.${line.key}`] = noteField;
}

/**
 * The posted form: `points.<key>` and `note.<key>` for every item, plus departmentId, year,
 * quarter. A note is required where an item is below its maximum (the reason for the deduction)
 * and where a bonus is above 0 (the grounds for it).
 */
export const assessmentFormSchema = z.object(shape).superRefine((v, ctx) => {
  for (const line of ASSESSMENT_LINES) {
    const message = missingNote(line, v[`points.${line.key}`] as number | undefined, v[`note.${line.key}`] as string);
    if (message) ctx.addIssue({ code: "custom", path: [`note.${line.key}`], message });
  }
});

function missingNote(line: (typeof ASSESSMENT_LINES)[number], points: number | undefined, note: string): string | null {
  if (points === undefined || note !== "") return null;
  if (line.kind === "base" && points < line.max) return `${line.name}未得满分，请填写扣分说明`;
  if (line.kind === "bonus" && points > 0) return `${line.name}有加分，请填写加分依据`;
  return null;
}

/**
 * zod runs the object's refinement only when every field parsed; so that one submit names every
 * problem, the notes are also checked line by line against the points that did parse.
 */
function missingNotes(form: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of ASSESSMENT_LINES) {
    const points = shape[`points.${line.key}`].safeParse(form[`points.${line.key}`]);
    const note = noteField.safeParse(form[`note.${line.key}`]);
    if (!points.success || !note.success) continue;
    const message = missingNote(line, points.data as number, note.data);
    if (message) out[`note.${line.key}`] = message;
  }
  return out;
}

export type ParsedAssessment = {
  departmentId: string;
  year: number;
  quarter: number;
  items: AssessmentItems;
  base: number;
  bonus: number;
  total: number;
};

/** Form fields → a checked assessment, or `{ field: message }` (first message per field). */
export function parseAssessmentForm(
  form: Record<string, unknown>,
): { ok: true; value: ParsedAssessment } | { ok: false; errors: Record<string, string> } {
  const parsed = assessmentFormSchema.safeParse(form);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[issue.path.join(".") || "_form"] ??= issue.message;
    return { ok: false, errors: { ...missingNotes(form), ...errors } };
  }
  const v = parsed.data as Record<string, unknown>;
  const items: AssessmentItems = {};
  for (const line of ASSESSMENT_LINES)
    items[line.key] = { points: v[`points.${line.key}`] as number, note: v[`note.${line.key}`] as string };
  const t = departmentTotal(pointsOf(items, "base"), pointsOf(items, "bonus"));
  if (t.error) return { ok: false, errors: { _form: t.error } };
  if (t.total > BASE_MAX + BONUS_MAX) return { ok: false, errors: { _form: `总分不能超过 ${BASE_MAX + BONUS_MAX} 分` } };
  return {
    ok: true,
    value: {
      departmentId: v.departmentId as string,
      year: v.year as number,
      quarter: v.quarter as number,
      items,
      base: t.base,
      bonus: t.bonus,
      total: t.total,
    },
  };
}

/** The points of the base items or the bonus items, as departmentTotal takes them. */
export function pointsOf(items: AssessmentItems, kind: "base" | "bonus"): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of ASSESSMENT_LINES) if (line.kind === kind && items[line.key]) out[line.key] = items[line.key].points;
  return out;
}

/** The subtotal of each of the four areas. */
export function areaSubtotals(items: AssessmentItems): { area: string; max: number; points: number }[] {
  return DEPARTMENT_AREAS.map(({ area, max }) => ({
    area,
    max,
    points: DEPARTMENT_ITEMS.filter((i) => i.area === area).reduce((s, i) => s + (items[i.key]?.points ?? 0), 0),
  }));
}

/** The stored JSON, read defensively: unknown keys dropped, malformed entries skipped. */
export function parseStoredItems(json: string): AssessmentItems {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return {};
  }
  const out: AssessmentItems = {};
  if (!raw || typeof raw !== "object") return out;
  for (const line of ASSESSMENT_LINES) {
    const e = (raw as Record<string, unknown>)[line.key] as { points?: unknown; note?: unknown } | undefined;
    if (e && typeof e.points === "number" && Number.isFinite(e.points))
      out[line.key] = { points: e.points, note: typeof e.note === "string" ? e.note : "" };
  }
  return out;
}

// ---- standings and history ----

/** "第3名并列，先进集体共4个" when the boundary is shared; null otherwise. */
export function tieNote(
  top: { winners: readonly { rank: number }[]; tiedAtBoundary: boolean },
  title: string,
  unit: string,
): string | null {
  if (!top.tiedAtBoundary || top.winners.length === 0) return null;
  return `第${top.winners[top.winners.length - 1].rank}名并列，${title}共${top.winners.length}${unit}`;
}

export const ADVANCED_COUNT = 3;

export type StandingRow = {
  departmentId: string;
  name: string;
  rank: number | null; // null: 未评
  base: number | null;
  bonus: number | null;
  total: number | null;
  areas: { area: string; max: number; points: number }[] | null;
  advanced: boolean;
  updatedBy: string | null;
};

/**
 * One quarter of one center: scored departments ranked (competition ranking), the unscored
 * after them as 未评; 先进集体 are the top 3 with everyone tied at the boundary.
 */
export function quarterStandings(
  departments: readonly { id: string; name: string }[],
  assessments: readonly { departmentId: string; items: AssessmentItems; base: number; bonus: number; total: number; updatedBy?: string }[],
): { rows: StandingRow[]; advancedCount: number; tieNote: string | null; unscored: number } {
  const byDept = new Map(assessments.map((a) => [a.departmentId, a]));
  const scored = departments.filter((d) => byDept.has(d.id)).map((d) => ({ d, a: byDept.get(d.id)!, total: byDept.get(d.id)!.total }));
  const top = topWithTies(scored, ADVANCED_COUNT);
  const advanced = new Set(top.winners.map((w) => w.d.id));
  const ranked = rank(scored);
  const rows: StandingRow[] = ranked.map(({ d, a, rank: r }) => ({
    departmentId: d.id,
    name: d.name,
    rank: r,
    base: a.base,
    bonus: a.bonus,
    total: a.total,
    areas: areaSubtotals(a.items),
    advanced: advanced.has(d.id),
    updatedBy: a.updatedBy ?? null,
  }));
  const unscored = departments.filter((d) => !byDept.has(d.id));
  for (const d of unscored)
    rows.push({
      departmentId: d.id,
      name: d.name,
      rank: null,
      base: null,
      bonus: null,
      total: null,
      areas: null,
      advanced: false,
      updatedBy: null,
    });
  return { rows, advancedCount: top.winners.length, tieNote: tieNote(top, "先进集体", "个"), unscored: unscored.length };
}

export type HistoryCell = { total: number; rank: number; advanced: boolean } | null;

/** Departments × quarters: each scored quarter's total and rank among that quarter's scored departments. */
export function departmentHistory(
  departments: readonly { id: string; name: string }[],
  assessments: readonly { departmentId: string; year: number; quarter: number; total: number }[],
  quarters: readonly YearQuarter[],
): { departmentId: string; name: string; cells: HistoryCell[] }[] {
  const known = new Set(departments.map((d) => d.id));
  const perQuarter = quarters.map((q) => {
    const rows = assessments.filter((a) => a.year === q.year && a.quarter === q.quarter && known.has(a.departmentId));
    const advanced = new Set(topWithTies(rows, ADVANCED_COUNT).winners.map((w) => w.departmentId));
    return new Map(rank(rows).map((r) => [r.departmentId, { total: r.total, rank: r.rank, advanced: advanced.has(r.departmentId) }]));
  });
  return departments.map((d) => ({ departmentId: d.id, name: d.name, cells: perQuarter.map((m) => m.get(d.id) ?? null) }));
}

/** Points as shown: 9.5, 10, 102.5. */
export function formatPoints(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}
