import { Form, Link, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/review-detail";
import { getAuth, requireUserWithPermission } from "~/platform/auth.server";
import { constraintsOf, errorOf, valueOf } from "~/platform/forms";
import { actionOk, parseForm, runAction } from "~/platform/forms.server";
import { httpError } from "~/platform/http.server";
import { Field, FormResult } from "~/platform/ui/field";
import { Notice, PageHeader } from "~/platform/ui/page";
import { reviewDecisionSchema } from "../schemas";
import { reviewDetail, settleReview } from "../service.server";

export function meta() {
  return [{ title: "办理复核 · 成绩复核" }];
}

async function reviewer(request: Request, context: Route.LoaderArgs["context"]) {
  const user = await requireUserWithPermission(request, context, "review:result:center");
  if (!user.centerId) httpError(403, "该页面仅适用于中心账号。");
  return { ...user, ip: getAuth(context).clientAddress };
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  return reviewDetail(params.reviewId, await reviewer(request, context), new Date());
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const user = await reviewer(request, context);
  const parsed = await parseForm(request, reviewDecisionSchema);
  if (!parsed.ok) return parsed.response;
  return runAction(async () => {
    await settleReview(params.reviewId, parsed.data, user, new Date());
    return actionOk("复核已办结，考生可以看到结论。");
  }, parsed.values);
}

export default function ReviewDetail() {
  const { review, refusal, recheck } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="max-w-4xl space-y-4">
      <PageHeader
        title={`复核：${review.name}`}
        description={`${review.sitting} · ${review.level} · ${review.kind} · 准考证号 ${review.ticket}`}
        actions={
          <Link to="/reviews" className="btn-secondary">
            返回复核列表
          </Link>
        }
      />
      <FormResult result={result} fieldsMessage="请修正标出的错误后再提交。" />
      <section className="card space-y-1 text-sm">
        <p>
          申请时间 {review.requestedAt} · 办结期限{" "}
          <span className={review.overdue ? "font-medium text-red-700" : undefined} data-testid="review-due">
            {review.due}
            {review.overdue ? "（已逾期）" : ""}
          </span>{" "}
          · 状态 <strong>{review.statusLabel}</strong>
        </p>
        <p>考生申请理由：{review.reason}</p>
        <p>原成绩：{review.oldScore} 分</p>
      </section>
      {review.outcome ? (
        <section className="card space-y-1 text-sm" data-testid="review-outcome">
          <h2 className="font-medium">复核结论</h2>
          <p>
            <strong>{review.outcome}</strong>（原成绩 {review.oldScore} 分，复核 {review.newScore} 分）· {review.reviewer} ·{" "}
            {review.settledAt}
          </p>
          <p>理由：{review.outcomeReason}</p>
        </section>
      ) : null}
      {recheck ? (
        <section className="card space-y-3">
          <h2 className="font-medium">重算结果</h2>
          <p className="text-sm text-slate-600">{recheck.summary}</p>
          <div className="overflow-x-auto">
            <table className="table" data-testid="recheck-table">
              <thead>
                <tr>
                  <th scope="col">{recheck.kind === "theory" ? "鉴定范围" : "任务"}</th>
                  <th scope="col">满分</th>
                  <th scope="col">原记</th>
                  <th scope="col">重算</th>
                </tr>
              </thead>
              <tbody>
                {recheck.rows.map((r) => (
                  <tr key={r.label}>
                    <td>{r.label}</td>
                    <td>{r.max}</td>
                    <td>{r.stored}</td>
                    <td>{r.recomputed}</td>
                  </tr>
                ))}
                <tr className="font-medium">
                  <td>总分</td>
                  <td>100</td>
                  <td>{recheck.stored}</td>
                  <td data-testid="recheck-total">{recheck.recomputed}</td>
                </tr>
              </tbody>
            </table>
          </div>
          {recheck.findings.length ? (
            <Notice tone="warning">
              <ul className="list-disc pl-5">
                {recheck.findings.map((f) => (
                  <li key={f}>{f}</li>
                ))}
              </ul>
            </Notice>
          ) : (
            <Notice tone="success">逐项核对无误：重算总分与原成绩一致，评分记录完整。</Notice>
          )}
        </section>
      ) : null}
      {review.status === "open" && refusal ? <Notice tone="warning">{refusal}</Notice> : null}
      {review.status === "open" && !refusal && recheck ? (
        <Form method="post" className="card space-y-3" noValidate>
          <h2 className="font-medium">办结复核</h2>
          <fieldset>
            <legend className="label">复核结论</legend>
            <div className="flex flex-wrap gap-4">
              <label className="flex items-center gap-2">
                <input type="radio" name="outcome" value="upheld" defaultChecked={recheck.same} />
                维持原成绩
              </label>
              <label className="flex items-center gap-2">
                <input type="radio" name="outcome" value="corrected" defaultChecked={!recheck.same} />
                更正为重算成绩（{recheck.recomputed} 分）
              </label>
            </div>
            {errorOf(result, "outcome") ? <p className="field-error">{errorOf(result, "outcome")}</p> : null}
          </fieldset>
          <Field label="结论理由（考生可见）" name="reason" error={errorOf(result, "reason")}>
            {(p) => (
              <textarea
                {...p}
                rows={3}
                className="input"
                defaultValue={valueOf(result, "reason")}
                {...constraintsOf(reviewDecisionSchema.shape.reason)}
              />
            )}
          </Field>
          <button type="submit" className="btn-primary">
            办结复核
          </button>
        </Form>
      ) : null}
    </div>
  );
}
