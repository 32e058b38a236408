// Pure rules of skill scoring (no server code): where a task stands.
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
