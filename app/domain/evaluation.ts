// Annual staff evaluation (seed 000 Tables A.1, B.1, B.2; REFERENCE §3). Pure: inputs in, scores out.
// A missing input is null and stays null ("缺评"), never zero.

export const SUBJECTIVE_INDICATORS = [
  { key: "ethics", group: "职业基础", name: "职业道德", max: 5 },
  { key: "basicKnowledge", group: "职业基础", name: "基础知识", max: 3 },
  { key: "extendedKnowledge", group: "职业基础", name: "拓展知识", max: 2 },
  { key: "basicSkills", group: "职业基础", name: "基础技能", max: 3 },
  { key: "extendedSkills", group: "职业基础", name: "拓展技能", max: 2 },
  { key: "communication", group: "服务能力", name: "沟通协调", max: 5 },
  { key: "serviceOrientation", group: "服务能力", name: "服务导向", max: 5 },
  { key: "professional", group: "服务能力", name: "专业能力", max: 5 },
  { key: "digital", group: "服务能力", name: "数字化能力", max: 5 },
  { key: "process", group: "服务规范", name: "过程性规范", max: 5 },
  { key: "personalized", group: "服务规范", name: "个性化指标", max: 15 },
] as const;
export type SubjectiveKey = (typeof SUBJECTIVE_INDICATORS)[number]["key"];

export const OBJECTIVE_INDICATORS = [
  { key: "completion", group: "服务效能", name: "工作完成度", max: 25 },
  { key: "ratings", group: "服务满意度", name: "好差评情况", max: 10 },
  { key: "complaints", group: "服务满意度", name: "投诉情况", max: 5 },
  { key: "praise", group: "服务满意度", name: "表扬褒奖", max: 5 },
] as const;
export type ObjectiveKey = (typeof OBJECTIVE_INDICATORS)[number]["key"];

/** §7.2.2: self : peers : manager = 2 : 3 : 5. */
export const WEIGHTS = { self: 0.2, peers: 0.3, manager: 0.5 } as const;
export const DEFAULT_PASS_MARK = 60;
export const BONUS_CAP = 10;
export const DEDUCTION_FLOOR = -20;
export const VETO_SCORE = -100;

export const AWARD_POINTS = { 街镇: 0.5, 区: 1, "市/部": 1.5, 国家: 2 } as const;
export type AwardLevel = keyof typeof AWARD_POINTS;
export const VETO_GROUNDS = ["承担刑事责任", "受到行政处罚（拘留以上）", "列为失信被执行人", "连续两年考核不合格"] as const;

/** A score entered for an indicator must lie in [0, max]. */
export function checkScore(value: number, max: number): string | null {
  if (!Number.isFinite(value) || value < 0 || value > max) return `分数应在 0 至 ${max} 之间`;
  return null;
}

export type SubjectiveInputs = { self: number | null; peers: number[]; manager: number | null };

/** Final subjective score of one indicator: 0.2·self + 0.3·mean(peers) + 0.5·manager, or null when any part is missing. */
export function subjectiveScore(i: SubjectiveInputs): number | null {
  if (i.self === null || i.manager === null || i.peers.length === 0) return null;
  const peer = i.peers.reduce((a, b) => a + b, 0) / i.peers.length;
  return WEIGHTS.self * i.self + WEIGHTS.peers * peer + WEIGHTS.manager * i.manager;
}

/** 工作完成度 (25): the share of the target reached, capped at the full 25. */
export function completionPoints(done: number, target: number): number | null {
  if (!(target > 0)) return null;
  return 25 * Math.min(1, Math.max(0, done / target));
}

export type Award = { level: AwardLevel } | { majorEvent: number }; // majorEvent 0.5–1, discretionary

export function bonusPoints(awards: readonly Award[]): { raw: number; capped: number } {
  const raw = awards.reduce((s, a) => s + ("level" in a ? AWARD_POINTS[a.level] : Math.min(1, Math.max(0.5, a.majorEvent))), 0);
  return { raw, capped: Math.min(BONUS_CAP, raw) };
}

/** Each deduction 0–5; the total never below −20. */
export function deductionPoints(cases: readonly number[]): { raw: number; floored: number } {
  const raw = -cases.reduce((s, c) => s + Math.min(5, Math.max(0, c)), 0);
  return { raw, floored: Math.max(DEDUCTION_FLOOR, raw) };
}

export type EvaluationInput = {
  subjective: Partial<Record<SubjectiveKey, SubjectiveInputs>>;
  objective: Partial<Record<ObjectiveKey, number | null>>;
  awards: Award[];
  deductions: number[];
  veto: (typeof VETO_GROUNDS)[number] | null;
  passMark?: number;
};

export type EvaluationResult = {
  subjective: Record<SubjectiveKey, number | null>;
  objective: Record<ObjectiveKey, number | null>;
  subjectiveTotal: number | null;
  objectiveTotal: number | null;
  bonus: number;
  deduction: number;
  total: number | null; // null while any indicator is missing (unless vetoed)
  missing: string[];
  passed: boolean | null;
  vetoed: boolean;
};

export function evaluate(input: EvaluationInput): EvaluationResult {
  const subjective = Object.fromEntries(
    SUBJECTIVE_INDICATORS.map((d) => [d.key, input.subjective[d.key] ? subjectiveScore(input.subjective[d.key]!) : null]),
  ) as Record<SubjectiveKey, number | null>;
  const objective = Object.fromEntries(OBJECTIVE_INDICATORS.map((d) => [d.key, input.objective[d.key] ?? null])) as Record<
    ObjectiveKey,
    number | null
  >;
  const missing = [
    ...SUBJECTIVE_INDICATORS.filter((d) => subjective[d.key] === null).map((d) => d.name),
    ...OBJECTIVE_INDICATORS.filter((d) => objective[d.key] === null).map((d) => d.name),
  ];
  const sum = (vals: (number | null)[]) => (vals.some((v) => v === null) ? null : vals.reduce<number>((a, b) => a + (b as number), 0));
  const subjectiveTotal = sum(Object.values(subjective));
  const objectiveTotal = sum(Object.values(objective));
  const bonus = bonusPoints(input.awards).capped;
  const vetoed = input.veto !== null;
  const deduction = vetoed ? VETO_SCORE : deductionPoints(input.deductions).floored;
  const total = subjectiveTotal === null || objectiveTotal === null ? null : subjectiveTotal + objectiveTotal + bonus + deduction;
  const passMark = input.passMark ?? DEFAULT_PASS_MARK;
  const passed = vetoed ? false : total === null ? null : total >= passMark;
  return { subjective, objective, subjectiveTotal, objectiveTotal, bonus, deduction, total, missing, passed, vetoed };
}

/** Seed 001 考评管理: two consecutive failed years end a seconded assignment — flag it. */
export function consecutiveFails(history: readonly { year: number; passed: boolean | null }[]): number[] {
  const byYear = new Map(history.map((h) => [h.year, h.passed]));
  return [...byYear.keys()].sort().filter((y) => byYear.get(y) === false && byYear.get(y - 1) === false);
}

export const RELATIONS = { self: "自评", peer: "同事互评", manager: "负责人评分" } as const;
export type Relation = keyof typeof RELATIONS;

/**
 * Default peers for each staff member: the next `k` colleagues (in a stable order) who share their
 * department, topped up from the same staff role, then from anyone. Every staff member is thereby
 * also asked to rate about `k` colleagues, so the load is even. `notPeers` (the manager, who
 * already scores everyone) are never picked.
 */
export function defaultPeers<T extends { id: string; departmentId: string | null; staffRole: string | null }>(
  staff: readonly T[],
  k: number,
  notPeers: ReadonlySet<string> = new Set(),
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [i, s] of staff.entries()) {
    const rotated = [...staff.slice(i + 1), ...staff.slice(0, i)];
    const picks: string[] = [];
    const tiers = [
      rotated.filter((o) => s.departmentId !== null && o.departmentId === s.departmentId),
      rotated.filter((o) => s.staffRole !== null && o.staffRole === s.staffRole),
      rotated,
    ];
    for (const tier of tiers) for (const o of tier) if (picks.length < k && !picks.includes(o.id) && !notPeers.has(o.id)) picks.push(o.id);
    out.set(s.id, picks);
  }
  return out;
}

/** One row of the C.1 summary table: a label, its maximum and one value per staff member. */
export type SummaryRow = { group: string; name: string; max: string; values: (number | null)[]; kind: "indicator" | "subtotal" | "total" };

/** Table C.1 (seed 000): one column per staff member, one row per indicator, totals at the bottom. */
export function summaryTable(results: readonly EvaluationResult[]): SummaryRow[] {
  const rows: SummaryRow[] = [];
  for (const d of SUBJECTIVE_INDICATORS)
    rows.push({ group: d.group, name: d.name, max: String(d.max), values: results.map((r) => r.subjective[d.key]), kind: "indicator" });
  rows.push({ group: "主观评价", name: "主观评价小计", max: "55", values: results.map((r) => r.subjectiveTotal), kind: "subtotal" });
  for (const d of OBJECTIVE_INDICATORS)
    rows.push({ group: d.group, name: d.name, max: String(d.max), values: results.map((r) => r.objective[d.key]), kind: "indicator" });
  rows.push({ group: "客观评价", name: "客观评价小计", max: "45", values: results.map((r) => r.objectiveTotal), kind: "subtotal" });
  rows.push({ group: "加减分", name: "特殊贡献加分", max: "+10", values: results.map((r) => r.bonus), kind: "indicator" });
  rows.push({ group: "加减分", name: "扣分（一票否决为 −100）", max: "−20", values: results.map((r) => r.deduction), kind: "indicator" });
  rows.push({ group: "合计", name: "总分", max: "100", values: results.map((r) => r.total), kind: "total" });
  return rows;
}

/** Scores are shown to two decimals, cut rather than rounded (as skill scores are). */
export function formatPoints(v: number | null): string {
  if (v === null) return "缺评";
  const cut = Math.trunc(v * 100 + (v >= 0 ? 1e-9 : -1e-9)) / 100;
  return Number.isInteger(cut) ? String(cut) : cut.toFixed(2).replace(/0$/, "");
}

export function verdict(r: Pick<EvaluationResult, "passed" | "vetoed">): string {
  return r.vetoed ? "不合格（一票否决）" : r.passed === null ? "待评" : r.passed ? "合格" : "不合格";
}
