// 申报条件 (seed 004 §1.9.1, REFERENCE §1.1): for a person, a level and a date, which condition is
// met, or for each condition what is missing. Pure: all facts and the date are passed in.
import { LEVEL_LABELS, STANDARD_TRAINING_HOURS, type Level } from "./levels";

/** Occupations whose work counts (footnote ①), besides this one. */
export const RELATED_OCCUPATIONS = ["秘书", "公务员", "社区事务员", "统计调查员", "社团会员管理员"] as const;
export const THIS_OCCUPATION = "行政办事员（政务服务综合窗口办事员）";
/** Choices when recording work history or an outside certificate. */
export const OCCUPATIONS = [THIS_OCCUPATION, ...RELATED_OCCUPATIONS, "其他"] as const;

/** Footnote ② majors by school type. */
export const RELATED_MAJORS = {
  高校: ["经济统计学", "政治学与行政学", "社会学", "信息与计算科学", "公共事业管理", "行政管理"],
  技校: ["计算机网络应用", "计算机信息管理", "通信网络应用", "商务文秘"],
  高职: ["环境规划与管理", "安全健康与环保", "信息安全与管理", "人力资源管理", "公共事务管理"],
  其他: ["思想政治教育", "汉语言文学", "秘书学", "公共事业管理", "行政管理", "公共关系", "环境规划与管理"],
} as const;

export const SCHOOL_TYPES = [
  "技工学校", // L4-3
  "中等职业学校（中级技能）", // L4-3
  "高级技工学校", // L3-2
  "技师学院", // L3-2
  "高等职业学校（高级技能）", // L3-2
  "大专", // L3-3
  "本科及以上", // L3-3
  "其他",
] as const;
export type SchoolType = (typeof SCHOOL_TYPES)[number];

export type WorkPeriod = { occupation: string; start: string; end: string | null }; // YYYY-MM-DD; end null = ongoing
export type Education = { schoolType: SchoolType; major: string; graduated: boolean; finalYear: boolean };
export type HeldCertificate = { level: Level; issued: string; occupation: string };
export type TrainingStatus = { hours: number; passed: boolean };

export type EligibilityFacts = {
  work: WorkPeriod[];
  apprenticeshipCompleted: boolean;
  education: Education[];
  certificates: HeldCertificate[];
  training: Partial<Record<Level, TrainingStatus>>;
};

export type ConditionResult = { code: string; met: boolean; missing: string[] };
export type EligibilityResult = { level: Level; eligible: boolean; metBy: string | null; conditions: ConditionResult[] };

const DAY = 24 * 60 * 60_000;

function toDay(ymd: string): number {
  return Date.UTC(Number(ymd.slice(0, 4)), Number(ymd.slice(5, 7)) - 1, Number(ymd.slice(8, 10))) / DAY;
}

function isRelevantOccupation(o: string): boolean {
  return o === THIS_OCCUPATION || o === "行政办事员" || (RELATED_OCCUPATIONS as readonly string[]).includes(o);
}

function isRelatedMajor(major: string): boolean {
  return Object.values(RELATED_MAJORS).some((list) => (list as readonly string[]).includes(major));
}

/** Whole months between two calendar days (inclusive start, exclusive end): 2020-03-15 → 2021-03-15 is 12. */
function monthsBetween(startDay: number, endDay: number): number {
  const a = new Date(startDay * DAY);
  const b = new Date(endDay * DAY);
  let m = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
  if (b.getUTCDate() < a.getUTCDate()) m--;
  return Math.max(0, m);
}

/**
 * Cumulative work in this or a related occupation, from `from` (a day number) to `asOf`, in whole
 * months. Overlapping periods count once; a single period of exactly N years is N×12 months (the
 * "（含）" in 1 年（含）以上).
 */
export function cumulativeWorkMonths(work: readonly WorkPeriod[], asOf: string, from?: string): number {
  const end = toDay(asOf) + 1; // the as-of day counts as worked
  const start = from ? toDay(from) : -Infinity;
  const spans = work
    .filter((w) => isRelevantOccupation(w.occupation))
    .map((w) => [Math.max(toDay(w.start), start), Math.min(w.end ? toDay(w.end) + 1 : end, end)] as [number, number])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  // Merge overlaps; each merged period counts its whole calendar months, and the odd days left
  // over from all periods are added up as months of 30.4375 days (365.25 / 12).
  const merged: [number, number][] = [];
  for (const [a, b] of spans) {
    const last = merged[merged.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  let months = 0;
  let leftoverDays = 0;
  for (const [a, b] of merged) {
    const m = monthsBetween(a, b);
    months += m;
    const afterMonths = new Date(a * DAY);
    afterMonths.setUTCMonth(afterMonths.getUTCMonth() + m);
    leftoverDays += b - afterMonths.getTime() / DAY;
  }
  return months + Math.floor(leftoverDays / 30.4375 + 1e-9);
}

function monthsText(months: number): string {
  const y = Math.floor(months / 12),
    m = months % 12;
  return [y ? `${y} 年` : "", m ? `${m} 个月` : ""].filter(Boolean).join("") || "0 个月";
}

function certificateAtLeast(facts: EligibilityFacts, level: Level, asOf: string): HeldCertificate | null {
  const rank: Record<Level, number> = { L5: 5, L4: 4, L3: 3 };
  const held = facts.certificates
    .filter((c) => rank[c.level] <= rank[level] && c.issued <= asOf && isRelevantOccupation(c.occupation))
    .sort((a, b) => a.issued.localeCompare(b.issued));
  return held[0] ?? null; // the earliest such certificate gives the most work after it
}

function trainingMissing(facts: EligibilityFacts, level: Level): string[] {
  const t = facts.training[level] ?? { hours: 0, passed: false };
  const out: string[] = [];
  const need = STANDARD_TRAINING_HOURS[level];
  if (t.hours < need) out.push(`还需完成${LEVEL_LABELS[level]}标准学时培训 ${need - t.hours} 学时（已完成 ${t.hours}/${need}）`);
  if (!t.passed) out.push(`${LEVEL_LABELS[level]}标准学时培训考核尚未合格`);
  return out;
}

function workAfterCertificate(
  facts: EligibilityFacts,
  cert: HeldCertificate | null,
  certLevel: Level,
  years: number,
  asOf: string,
): string[] {
  if (!cert) return [`尚未取得本职业或相关职业${LEVEL_LABELS[certLevel]}证书`];
  const months = cumulativeWorkMonths(facts.work, asOf, cert.issued);
  const need = years * 12;
  return months >= need ? [] : [`取得${LEVEL_LABELS[certLevel]}证书后工作年限不足 ${years} 年，还差 ${monthsText(need - months)}`];
}

function education(facts: EligibilityFacts, types: readonly SchoolType[]): Education | undefined {
  return facts.education.find((e) => types.includes(e.schoolType) && isRelatedMajor(e.major) && (e.graduated || e.finalYear));
}

export function evaluateEligibility(facts: EligibilityFacts, level: Level, asOf: string): EligibilityResult {
  const conditions: ConditionResult[] = [];
  const add = (n: number, missing: string[]) => conditions.push({ code: `${level}-${n}`, met: missing.length === 0, missing });
  const work = cumulativeWorkMonths(facts.work, asOf);

  if (level === "L5") {
    add(1, work >= 12 ? [] : [`累计从事本职业或相关职业工作不足 1 年，还差 ${monthsText(12 - work)}`]);
    add(2, facts.apprenticeshipCompleted ? [] : ["本职业或相关职业学徒期未满"]);
    add(3, trainingMissing(facts, "L5"));
  } else if (level === "L4") {
    const l5 = certificateAtLeast(facts, "L5", asOf);
    add(1, [...workAfterCertificate(facts, l5, "L5", 3, asOf), ...trainingMissing(facts, "L4")]);
    add(2, work >= 60 ? [] : [`累计从事本职业或相关职业工作不足 5 年，还差 ${monthsText(60 - work)}`]);
    add(
      3,
      education(facts, ["技工学校", "中等职业学校（中级技能）"])
        ? []
        : ["无技工学校或中级技能职业学校本专业或相关专业毕业证书（或应届在校）"],
    );
  } else {
    const l4 = certificateAtLeast(facts, "L4", asOf);
    add(1, [...workAfterCertificate(facts, l4, "L4", 5, asOf), ...trainingMissing(facts, "L3")]);
    const school = education(facts, ["高级技工学校", "技师学院", "高等职业学校（高级技能）"]);
    add(2, [
      ...(l4 ? [] : ["尚未取得本职业或相关职业四级/中级工证书"]),
      ...(school ? [] : ["无高级技工学校、技师学院或高级技能高等职业学校本专业或相关专业毕业证书（或应届在校）"]),
    ]);
    const college = facts.education.find(
      (e) => (e.schoolType === "大专" || e.schoolType === "本科及以上") && isRelatedMajor(e.major) && e.graduated,
    );
    add(3, [...(college ? [] : ["无大专及以上本专业或相关专业毕业证书"]), ...workAfterCertificate(facts, l4, "L4", 2, asOf)]);
  }
  const met = conditions.find((c) => c.met);
  return { level, eligible: !!met, metBy: met?.code ?? null, conditions };
}

/** "L4-1：还需完成培训 37 学时" style lines for a refused registration. */
export function eligibilitySummary(r: EligibilityResult): string {
  if (r.eligible) return `符合${LEVEL_LABELS[r.level]}申报条件（${r.metBy}）`;
  return `不符合${LEVEL_LABELS[r.level]}申报条件：` + r.conditions.map((c) => `${c.code}：${c.missing.join("；")}`).join("。");
}
