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
  const subjective = Object.fromEntries(SUBJECTIVE_INDICATORS.map((d) => [d.key, input.subjective[d.key] ? subjectiveScore(input.subjective[d.key]!) : null])) as Record<SubjectiveKey, number | null>;
  const objective = Object.fromEntries(OBJECTIVE_INDICATORS.map((d) => [d.key, input.objective[d.key] ?? null])) as Record<ObjectiveKey, number | null>;
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
