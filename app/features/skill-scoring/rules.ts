// Pure rules of skill scoring (no server code): where a task stands, and when a sitting's set-up may change.
import { needsChiefReview } from "~/domain/skill";

export type TaskStatus = "scoring" | "review" | "done";

/** Where one candidate's task stands, from all examiners' sheets of the group. */
export function taskState(
  sheets: { examinerId: string; status: string; total: number }[],
  examinerIds: string[],
  points: number,
  confirmed: boolean,
): TaskStatus {
  const submitted = sheets.filter((s) => s.status === "submitted" && examinerIds.includes(s.examinerId));
  if (submitted.length < examinerIds.length) return "scoring";
  if (
    needsChiefReview(
      submitted.map((s) => s.total),
      points,
    ) &&
    !confirmed
  )
    return "review";
  return "done";
}

/** Why a skill sitting's groups, registrations and paper can no longer change (null while it is being set up). */
export function setupRefusal(status: string): string | null {
  if (status === "published") return "成绩已发布，场次不能再修改。";
  if (status !== "scheduled") return "评分已开始，考评组、报名和试卷不能再修改。";
  return null;
}
