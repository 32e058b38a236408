import { Form, Link, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/me-review";
import { getAuth, requireUserWithPermission } from "~/platform/auth.server";
import { constraintsOf, errorOf, valueOf } from "~/platform/forms";
import { actionOk, parseForm, runAction } from "~/platform/forms.server";
import { httpError } from "~/platform/http.server";
import { Field, FormResult } from "~/platform/ui/field";
import { Notice, PageHeader } from "~/platform/ui/page";
import { reviewRequestSchema } from "../schemas";
import { candidateReviewPage, requestReview } from "../service.server";

export function meta() {
  return [{ title: "成绩复核 · 我的考试" }];
}

async function candidate(request: Request, context: Route.LoaderArgs["context"]) {
  const user = await requireUserWithPermission(request, context, "read:exam:own");
  if (!user.personId) httpError(404, "未找到该考试记录。");
  return { user, personId: user.personId };
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { personId } = await candidate(request, context);
  return candidateReviewPage(params.registrationId, personId, new Date());
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { user, personId } = await candidate(request, context);
  const parsed = await parseForm(request, reviewRequestSchema);
  if (!parsed.ok) return parsed.response;
  return runAction(async () => {
    const r = await requestReview(
      params.registrationId,
      personId,
      parsed.data.reason,
      { ...user, ip: getAuth(context).clientAddress },
      new Date(),
    );
    return actionOk(`复核申请已提交，中心将于 ${r.dueDay} 前办结。`);
  }, parsed.values);
}

export default function MyReview() {
  const { exam, refusal, review } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="max-w-3xl space-y-4">
      <PageHeader
        title="成绩复核"
        description={`${exam.title} · ${exam.level} · ${exam.kind} · 准考证号 ${exam.ticket}`}
        actions={
          <Link to="/me/exams" className="btn-secondary">
            返回我的考试
          </Link>
        }
      />
      <FormResult result={result} fieldsMessage="请修正标出的错误后再提交。" />
      <section className="card">
        <p>
          成绩 <strong className="text-xl">{exam.score ?? "—"}</strong> 分
          {exam.passed !== null ? (
            <span className={`badge ml-2 ${exam.passed ? "bg-green-100 text-green-800" : "bg-red-100 text-red-800"}`}>
              {exam.passed ? "合格" : "不合格"}
            </span>
          ) : null}
        </p>
        <p className="mt-1 text-sm text-slate-600">
          {exam.publicity}
          {exam.publicityLastDay ? `（公示期至 ${exam.publicityLastDay}）` : ""}
        </p>
      </section>
      {review ? (
        <section className="card space-y-1" data-testid="my-review">
          <h2 className="font-medium">我的复核申请</h2>
          <p className="text-sm">
            申请时间 {review.requestedAt} · 状态 <strong>{review.statusLabel}</strong>
            {review.status === "open" ? ` · 办结期限 ${review.due}` : ""}
          </p>
          <p className="text-sm">申请理由：{review.reason}</p>
          {review.outcome ? (
            <div className="mt-2 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm">
              <p>
                复核结论：<strong>{review.outcome}</strong>（原成绩 {review.oldScore} 分
                {review.newScore !== null && review.newScore !== review.oldScore ? `，更正为 ${review.newScore} 分` : ""}）
              </p>
              <p className="mt-1">理由：{review.outcomeReason}</p>
            </div>
          ) : null}
        </section>
      ) : refusal ? (
        <Notice tone="warning">{refusal}</Notice>
      ) : (
        <Form method="post" className="card space-y-3" noValidate>
          <h2 className="font-medium">申请复核</h2>
          <p className="text-sm text-slate-600">
            复核只核对计分是否正确、完整（理论按标准答案逐题重判，技能重加各考评员的评分），不重新评分。每科只能申请一次，由未参与本场评分的人员在期限内办结，结论和理由会在此显示。
          </p>
          <Field label="申请理由" name="reason" error={errorOf(result, "reason")}>
            {(p) => (
              <textarea
                {...p}
                rows={4}
                className="input"
                defaultValue={valueOf(result, "reason")}
                placeholder="例如：我认为第二部分的得分合计有误"
                {...constraintsOf(reviewRequestSchema.shape.reason)}
              />
            )}
          </Field>
          <button type="submit" className="btn-primary">
            提交复核申请
          </button>
        </Form>
      )}
    </div>
  );
}
