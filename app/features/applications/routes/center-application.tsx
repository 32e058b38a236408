import { Form, Link, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/center-application";
import { LEVEL_LABELS } from "~/domain/levels";
import { getAuth, requireUserWithPermission } from "~/platform/auth.server";
import { constraintsOf, errorOf, formToObject } from "~/platform/forms";
import { actionOk, parseWith, runAction } from "~/platform/forms.server";
import { httpError } from "~/platform/http.server";
import { Field, FormResult } from "~/platform/ui/field";
import { Notice, PageHeader } from "~/platform/ui/page";
import { ReviewSchema } from "../schemas";
import { applicationDetail, review } from "../service.server";
import { StatusBadge } from "../ui/status";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `${data?.name ?? "报名申请"} · 报名审核` }];
}

async function requireReviewer(request: Request, context: Route.LoaderArgs["context"], action: "read" | "update") {
  const user = await requireUserWithPermission(request, context, `${action}:sitting:center`);
  if (!user.centerId) httpError(403, "只有中心的管理员可以审核报名。");
  return { user, centerId: user.centerId, actor: { ...user, ip: getAuth(context).clientAddress } };
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { user, centerId } = await requireReviewer(request, context, "read");
  return applicationDetail(centerId, params.applicationId, user, new Date());
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { centerId, actor } = await requireReviewer(request, context, "update");
  const form = formToObject(await request.formData());
  const p = parseWith(ReviewSchema, form);
  if (!p.ok) return p.response;
  return runAction(async () => {
    const r = await review(centerId, params.applicationId, p.data, actor, new Date());
    const done = {
      approved: `已通过 ${r.name} 的申请，并已为其报名。`,
      waitlisted: `已通过 ${r.name} 的申请；名额已满，已列入候补名单。`,
      rejected: `已驳回 ${r.name} 的申请，申请人可以看到原因。`,
      needs_info: `已要求 ${r.name} 补充材料。`,
    }[r.status as "approved" | "waitlisted" | "rejected" | "needs_info"];
    return actionOk(done);
  }, form);
}

const reviewShape = ReviewSchema.options[1].shape;

export default function CenterApplication() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <div className="space-y-4">
      <PageHeader
        title={`${d.name} 的报名申请`}
        description={`${d.sitting.title} · ${d.sitting.level} · ${d.sitting.startsAt} 开考 · 名额 ${d.sitting.seats} 人，已通过 ${d.sitting.taken} 人`}
        actions={
          <Link to={`/center/applications?sitting=${d.sitting.id}`} className="btn-secondary">
            返回报名审核
          </Link>
        }
      />
      <FormResult result={result} />
      <section className="card space-y-1 text-sm" aria-labelledby="state-title">
        <h2 id="state-title" className="flex flex-wrap items-center gap-2 text-lg font-medium">
          状态 <StatusBadge status={d.status} label={d.statusLabel} position={d.position} />
        </h2>
        <p>
          部门：{d.department || "—"} · 提交于 {d.submittedAt}
          {d.reviewer ? ` · ${d.reviewer} 审核于 ${d.reviewedAt}` : ""}
        </p>
        {d.note ? (
          <p>
            {d.status === "rejected" ? "驳回原因" : "要求补充"}：{d.note}
          </p>
        ) : null}
      </section>

      <section className="card" aria-labelledby="check-title">
        <h2 id="check-title" className="text-lg font-medium">
          申报条件（按今天的登记信息加申请人的补充）
        </h2>
        <p className={`mt-1 font-medium ${d.eligibility.eligible ? "text-green-800" : "text-red-800"}`}>{d.summary}</p>
        <ul className="mt-2 space-y-1 text-sm">
          {d.eligibility.conditions.map((c) => (
            <li key={c.code}>
              <span className="font-mono">{c.code}</span>：{c.met ? "已满足" : `还缺：${c.missing.join("；")}`}
            </li>
          ))}
        </ul>
      </section>

      <section className="card text-sm" aria-labelledby="added-title">
        <h2 id="added-title" className="text-lg font-medium">
          申请人补充的信息（审核时核对证明材料）
        </h2>
        {d.additions.education.length + d.additions.work.length + d.additions.certificates.length === 0 && !d.additions.apprenticeship ? (
          <p className="mt-1 text-slate-600">无补充，全部依据中心登记的信息。</p>
        ) : (
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {d.additions.education.map((e, i) => (
              <li key={`e${i}`}>
                学历：{e.schoolType} · {e.major} · {e.graduated ? "已毕业" : "应届在校"} — 证明材料：{e.evidence}
              </li>
            ))}
            {d.additions.work.map((w, i) => (
              <li key={`w${i}`}>
                工作经历：{w.occupation} {w.start} 至 {w.end ?? "今"} — 证明材料：{w.evidence}
              </li>
            ))}
            {d.additions.certificates.map((c, i) => (
              <li key={`c${i}`}>
                证书：{LEVEL_LABELS[c.level]} · {c.occupation} · {c.issued} 发证 — 证明材料：{c.evidence}
              </li>
            ))}
            {d.additions.apprenticeship ? <li>学徒期已满 — 证明材料：{d.additions.apprenticeship.evidence}</li> : null}
          </ul>
        )}
        <h3 className="mt-3 font-medium">中心登记的信息</h3>
        <p className="text-slate-600">
          工作经历 {d.facts.work.length} 段，学历 {d.facts.education.length} 条，证书 {d.facts.certificates.length} 本，
          {LEVEL_LABELS[d.sitting.levelCode]}培训 {d.training.hours}/{d.training.standard} 学时{d.training.passed ? "（已合格）" : ""}。
        </p>
      </section>

      {d.reviewRefusal ? (
        <Notice tone={d.status === "submitted" ? "warning" : "info"}>{d.reviewRefusal}</Notice>
      ) : (
        <section className="card space-y-4" aria-labelledby="review-title">
          <h2 id="review-title" className="text-lg font-medium">
            审核
          </h2>
          <Form method="post">
            <input type="hidden" name="version" value={d.version} />
            <button type="submit" name="decision" value="approve" className="btn-primary" disabled={busy} aria-describedby="approve-hint">
              通过并报名
            </button>
            <p id="approve-hint" className="mt-1 text-sm text-slate-600">
              {d.sitting.taken < d.sitting.seats
                ? `通过后即为其报名（还剩 ${d.sitting.seats - d.sitting.taken} 个名额）。`
                : "名额已满：通过后列入候补名单，增加名额时按顺序递补。"}
            </p>
          </Form>
          <Form method="post" className="space-y-2">
            <input type="hidden" name="version" value={d.version} />
            <input type="hidden" name="decision" value="needs_info" />
            <Field
              label="需要补充的内容"
              name="note"
              id="needs-note"
              error={valueIs(result, "needs_info") ? errorOf(result, "note") : undefined}
            >
              {(p) => <textarea {...p} rows={2} className="input" {...constraintsOf(reviewShape.note)} />}
            </Field>
            <button type="submit" className="btn-secondary" disabled={busy}>
              要求补充
            </button>
          </Form>
          <Form method="post" className="space-y-2">
            <input type="hidden" name="version" value={d.version} />
            <input type="hidden" name="decision" value="reject" />
            <Field label="驳回原因" name="note" id="reject-note" error={valueIs(result, "reject") ? errorOf(result, "note") : undefined}>
              {(p) => <textarea {...p} rows={2} className="input" {...constraintsOf(reviewShape.note)} />}
            </Field>
            <button type="submit" className="btn-danger" disabled={busy}>
              驳回
            </button>
          </Form>
        </section>
      )}
    </div>
  );
}

function valueIs(result: ReturnType<typeof useActionData<typeof action>>, decision: string) {
  return !!result && !result.ok && result.values?.decision === decision;
}
