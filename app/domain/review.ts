// 复核: a re-check of the marking arithmetic and completeness only — the same rules that produced
// the score, applied again to what was stored (answers and keys; score sheets and rubric points).
// Nothing is judged again: a different score can only come from a sum or a missing entry.
import { gradeTheory, type AnswerValue, type GradableItem } from "./grading";
import type { Area } from "./levels";
import { partResult, taskScore } from "./skill";

export type TheoryRecheck = {
  stored: number;
  recomputed: number;
  passed: boolean;
  items: number;
  answered: number;
  correct: number;
  byArea: { area: Area; points: number; max: number; stored: number | null }[];
  /** Findings in Chinese: answers to items not on the paper, area sums that do not add up. */
  findings: string[];
  complete: boolean;
};

export function recheckTheory(
  items: readonly GradableItem[],
  answers: readonly { itemId: string; value: string }[],
  stored: { score: number; areaScores: { area: Area; points: number }[] },
): TheoryRecheck {
  const onPaper = new Set(items.map((i) => i.id));
  const findings: string[] = [];
  const stray = answers.filter((a) => !onPaper.has(a.itemId));
  if (stray.length) findings.push(`有 ${stray.length} 条作答不属于本试卷的题目（${stray.map((a) => a.itemId).join("、")}），未计分。`);
  const grade = gradeTheory(items, new Map(answers.map((a) => [a.itemId, JSON.parse(a.value) as AnswerValue])));
  const storedByArea = new Map(stored.areaScores.map((a) => [a.area, a.points]));
  const areaSum = stored.areaScores.reduce((s, a) => s + a.points, 0);
  if (Math.abs(areaSum - stored.score) > 1e-9) findings.push(`原成绩各鉴定范围得分合计 ${areaSum} 分，与原总分 ${stored.score} 分不符。`);
  for (const a of grade.byArea) {
    const was = storedByArea.get(a.area);
    if (was === undefined) findings.push(`原成绩缺少「${a.area}」的得分。`);
    else if (Math.abs(was - a.points) > 1e-9) findings.push(`「${a.area}」原记 ${was} 分，重算 ${a.points} 分。`);
  }
  if (Math.abs(grade.total - stored.score) > 1e-9) findings.push(`总分原记 ${stored.score} 分，重算 ${grade.total} 分。`);
  return {
    stored: stored.score,
    recomputed: grade.total,
    passed: grade.passed,
    items: items.length,
    answered: grade.answered,
    correct: grade.correct,
    byArea: grade.byArea.map((a) => ({ ...a, stored: storedByArea.get(a.area) ?? null })),
    findings,
    // Every item of the paper is counted by gradeTheory; what can be missing is the stored side.
    complete: true,
  };
}

export type SkillRecheckTask = { id: string; title: string; points: number; rubric: readonly { criterion: string; points: number }[] };
export type SkillRecheckSheet = { taskId: string; examinerId: string; status: string; scores: readonly (number | null)[]; total: number };

export type SkillRecheck = {
  stored: number;
  recomputed: number;
  passed: boolean;
  tasks: {
    id: string;
    title: string;
    points: number;
    sheets: { examinerId: string; readded: number; storedTotal: number }[];
    mean: number;
  }[];
  findings: string[];
  complete: boolean;
};

/** Re-adds every examiner's criterion scores of every task, checks each is there, within its points and summed right. */
export function recheckSkill(
  tasks: readonly SkillRecheckTask[],
  examinerIds: readonly string[],
  sheets: readonly SkillRecheckSheet[],
  storedScore: number,
): SkillRecheck {
  const findings: string[] = [];
  let complete = true;
  const rows = tasks.map((t) => {
    const mine = examinerIds.map((e) => ({ examinerId: e, sheet: sheets.find((s) => s.taskId === t.id && s.examinerId === e) }));
    const counted: number[][] = [];
    const out = [];
    for (const { examinerId, sheet } of mine) {
      if (!sheet || sheet.status !== "submitted") {
        complete = false;
        findings.push(`「${t.title}」缺少一名考评员的已提交评分。`);
        continue;
      }
      if (sheet.scores.length !== t.rubric.length || sheet.scores.some((v) => v === null)) {
        complete = false;
        findings.push(`「${t.title}」有评分要素未打分。`);
        continue;
      }
      const values = sheet.scores as number[];
      values.forEach((v, i) => {
        if (v < 0 || v > t.rubric[i].points) findings.push(`「${t.title}」第 ${i + 1} 项评分 ${v} 超出 0–${t.rubric[i].points} 分。`);
      });
      const readded = values.reduce((s, v) => s + v, 0);
      if (Math.abs(readded - sheet.total) > 1e-9)
        findings.push(`「${t.title}」一张评分表合计原记 ${sheet.total} 分，重加为 ${readded} 分。`);
      counted.push(values);
      out.push({ examinerId, readded, storedTotal: sheet.total });
    }
    return { id: t.id, title: t.title, points: t.points, sheets: out, mean: taskScore(counted), counted };
  });
  const r = partResult(rows.map((x) => ({ sheets: x.counted })));
  if (complete && Math.abs(r.score - storedScore) > 1e-9) findings.push(`技能总分原记 ${storedScore} 分，重算 ${r.score} 分。`);
  return {
    stored: storedScore,
    recomputed: r.score,
    passed: r.passed,
    tasks: rows.map(({ counted: _, ...x }) => x),
    findings,
    complete,
  };
}

/**
 * Who may not handle a 复核: the candidate themself; for a skill part, an examiner of the
 * candidate's group (their sheets are what is re-checked); for a theory part, a proctor of the
 * candidate's room (the marking is the machine's, the room's records are theirs).
 */
export function reviewerRefusal(f: {
  kind: "theory" | "skill";
  reviewerPersonId: string | null;
  candidatePersonId: string;
  examinerOfGroup: boolean;
  proctorOfRoom: boolean;
}): string | null {
  if (f.reviewerPersonId && f.reviewerPersonId === f.candidatePersonId) return "不能复核本人的成绩。";
  if (f.kind === "skill" && f.examinerOfGroup) return "您是该考生所在考评组的考评员，不能复核本组的评分。";
  if (f.kind === "theory" && f.proctorOfRoom) return "您是该考生考场的监考员，不能复核该考场的成绩。";
  return null;
}
