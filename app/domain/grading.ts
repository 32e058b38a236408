// Theory grading (REFERENCE §1.2, §2): a 多选 scores only on the exact key set; pass at ≥ 60.
import type { ItemType } from "./bank";
import { PASS_MARK, type Area } from "./levels";

export type GradableItem = { id: string; type: ItemType; points: number; area: Area; key: string | string[] };
export type AnswerValue = string | string[] | null | undefined;

export function isCorrect(item: Pick<GradableItem, "type" | "key">, answer: AnswerValue): boolean {
  if (answer === null || answer === undefined) return false;
  if (item.type === "多选") {
    const want = [...(item.key as string[])].sort().join(",");
    const got = Array.isArray(answer) ? [...new Set(answer)].sort().join(",") : "";
    return want === got;
  }
  return typeof answer === "string" && answer === item.key;
}

/** A part passes at 60 or more; 59.9 fails; never rounded up. */
export function passes(score: number): boolean {
  return score >= PASS_MARK;
}

export type GradeResult = {
  total: number;
  passed: boolean;
  byArea: { area: Area; points: number; max: number }[];
  correct: number;
  answered: number;
};

export function gradeTheory(items: readonly GradableItem[], answers: ReadonlyMap<string, AnswerValue>): GradeResult {
  const byArea = new Map<Area, { points: number; max: number }>();
  let total = 0,
    correct = 0,
    answered = 0;
  for (const item of items) {
    const a = answers.get(item.id);
    const has = a !== null && a !== undefined && !(Array.isArray(a) && a.length === 0) && a !== "";
    if (has) answered++;
    const earned = isCorrect(item, a) ? item.points : 0;
    if (earned) correct++;
    total += earned;
    const row = byArea.get(item.area) ?? { points: 0, max: 0 };
    row.points += earned;
    row.max += item.points;
    byArea.set(item.area, row);
  }
  return { total, passed: passes(total), byArea: [...byArea].map(([area, v]) => ({ area, ...v })), correct, answered };
}
