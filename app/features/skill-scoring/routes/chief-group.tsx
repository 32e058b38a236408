import { Link, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/chief-group";
import { requireGroupScorer } from "~/features/skill-scoring/access.server";
import { Correction, Decision, ReviewIntent } from "~/features/skill-scoring/schemas";
import { correctScore, decideTask, reviewBoard } from "~/features/skill-scoring/service.server";
import { reviewForms, TaskReview } from "~/features/skill-scoring/ui/task-review";
import { formToObject } from "~/platform/forms";
import { actionFail, actionOk, parseWith, runAction } from "~/platform/forms.server";
import { SPREAD_LIMIT } from "~/domain/skill";
import { FormResult } from "~/platform/ui/field";
import { PageHeader } from "~/platform/ui/page";
import { sittingState } from "~/domain/sitting-lifecycle";

export function meta() {
  return [{ title: "评分复核 · 考评组" }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { loaded } = await requireGroupScorer(request, context, params.groupId, true);
  return reviewBoard(loaded);
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { actor, group, loaded } = await requireGroupScorer(request, context, params.groupId, true);
  const form = formToObject(await request.formData());
  const intent = parseWith(ReviewIntent, form);
  if (!intent.ok) return actionFail(400, "未知的操作。", {}, form);
  const now = new Date();
  if (intent.data.intent === "correct") {
    if (sittingState(group.sitting) !== "published") return actionFail(409, "成绩发布前请通过退回重评处理。", {}, form);
    const c = parseWith(Correction, form);
    if (!c.ok) return c.response;
    return runAction(async () => {
      await correctScore(loaded, c.data, actor, now);
      return actionOk("已更正并记录，成绩已重新计算。");
    }, form);
  }
  if (sittingState(group.sitting) !== "scoring") return actionFail(409, "当前不在评分阶段。", {}, form);
  const p = parseWith(Decision, form);
  if (!p.ok) return p.response;
  return runAction(async () => {
    await decideTask(loaded, p.data, actor, now);
    return actionOk(p.data.intent === "rescore" ? "已退回，各考评员需重新评分。" : "已确认该任务的评分。");
  }, form);
}

/** A refusal belongs to the row whose form sent it; the page top shows successes and anything else. */
function rowOf(result: unknown) {
  const r = result as { ok?: boolean; values?: Record<string, string> } | undefined;
  return r && r.ok === false && r.values?.registrationId && r.values?.taskId ? `${r.values.registrationId}|${r.values.taskId}` : null;
}

export default function ChiefGroup() {
  const { group, examiners, rows } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failed = rowOf(actionData);
  const inRow = failed !== null && rows.some((r) => r.key === failed && reviewForms(r, group.status) !== "none");
  return (
    <div className="space-y-4">
      <PageHeader
        title={`${group.sitting} · ${group.name}`}
        description={`考评员：${examiners.map((e) => e.name).join("、")}。分差超过任务分值 ${SPREAD_LIMIT * 100}% 的任务须由您退回重评或写明理由后确认。`}
        actions={
          <>
            <Link to={`/center/skill-sittings/${group.sittingId}/audit`} className="btn-secondary">
              评分记录
            </Link>
            <Link to="/chief" className="btn-secondary">
              返回
            </Link>
          </>
        }
      />
      <FormResult result={inRow ? null : actionData} />
      {rows.map((r) => (
        <TaskReview
          key={r.key}
          row={r}
          examinerCount={examiners.length}
          status={group.status}
          result={inRow && failed === r.key ? actionData : undefined}
        />
      ))}
    </div>
  );
}
