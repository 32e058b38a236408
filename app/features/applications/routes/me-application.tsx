import { Form, Link, useActionData, useLoaderData, useNavigation } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/me-application";
import { getAuth, requireUserWithPermission } from "~/platform/auth.server";
import { formToObject } from "~/platform/forms";
import { actionFail, actionOk, parseWith, runAction } from "~/platform/forms.server";
import { httpError } from "~/platform/http.server";
import { FormResult } from "~/platform/ui/field";
import { Notice, PageHeader } from "~/platform/ui/page";
import { APPLY_INTENTS, ApplySchema } from "../schemas";
import { apply, applicationForm, resubmit, withdraw } from "../service.server";
import { ApplicationForm } from "../ui/application-form";
import { StatusBadge } from "../ui/status";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `${data?.sitting.title ?? "报名申请"} · 网上报名` }];
}

async function requireApplicant(request: Request, context: Route.LoaderArgs["context"]) {
  const user = await requireUserWithPermission(request, context, "apply:exam:own");
  if (!user.personId || !user.centerId) httpError(403, "您的账号未关联人员信息，不能网上报名。");
  return { person: { id: user.personId, centerId: user.centerId }, actor: { ...user, ip: getAuth(context).clientAddress } };
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { person } = await requireApplicant(request, context);
  return applicationForm(person, params.sittingId, new Date());
}

const Intent = z.object({ intent: z.enum(APPLY_INTENTS, { message: "未知的操作。" }) });

export async function action({ request, context, params }: Route.ActionArgs) {
  const { person, actor } = await requireApplicant(request, context);
  const form = formToObject(await request.formData());
  const intent = parseWith(Intent, form);
  if (!intent.ok) return intent.response;
  return runAction(async () => {
    const now = new Date();
    if (intent.data.intent === "withdraw") {
      await withdraw(person, params.sittingId, actor, now);
      return actionOk("申请已撤回。");
    }
    const p = parseWith(ApplySchema, form);
    if (!p.ok) return p.response;
    if (intent.data.intent === "apply") {
      const r = await apply(person, params.sittingId, p.data.additions, actor, now);
      return actionOk(`报名申请已提交（符合申报条件 ${r.metBy}），请等待中心审核。`);
    }
    if (intent.data.intent === "resubmit") {
      await resubmit(person, params.sittingId, p.data.additions, p.data.version, actor, now);
      return actionOk("已重新提交，请等待中心审核。");
    }
    return actionFail(400, "未知的操作。");
  }, form);
}

export default function MyApplication() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const a = d.application;
  return (
    <div className="space-y-4">
      <PageHeader
        title={d.sitting.title}
        description={`${d.sitting.level} · ${d.sitting.kind} · ${d.sitting.startsAt} 开考 · 报名时间 ${d.sitting.opensAt} 至 ${d.sitting.closesAt}（北京时间）· 名额 ${d.sitting.seats} 人`}
        actions={
          <Link to="/me/applications" className="btn-secondary">
            返回网上报名
          </Link>
        }
      />
      <FormResult result={result} />
      {a && a.status !== "withdrawn" ? (
        <section className="card space-y-2" aria-labelledby="status-title">
          <h2 id="status-title" className="flex flex-wrap items-center gap-2 text-lg font-medium">
            申请状态 <StatusBadge status={a.status} label={a.statusLabel} />
          </h2>
          {a.eligibility ? <p className="text-sm">提交时满足的申报条件：{a.eligibility}</p> : null}
          {a.status === "rejected" && a.note ? <p className="text-sm">驳回原因：{a.note}</p> : null}
          {a.status === "needs_info" && a.note ? <Notice tone="warning">中心要求补充：{a.note}</Notice> : null}
          {a.withdrawable ? (
            <Form method="post">
              <input type="hidden" name="intent" value="withdraw" />
              <button type="submit" className="btn-secondary" disabled={busy}>
                撤回申请
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
      {d.registered && !a ? <Notice>您已报名该场次，准考证号见“我的考试”。</Notice> : null}
      {d.refusal && d.mode === "view" ? <Notice tone="warning">{d.refusal}</Notice> : null}
      {d.mode === "apply" || d.mode === "resubmit" ? (
        <ApplicationForm
          key={`${d.mode}-${a?.version ?? 0}`}
          level={d.sitting.levelCode}
          today={d.today}
          facts={d.facts}
          training={d.training}
          initial={a?.additions ?? { education: [], work: [], certificates: [], apprenticeship: null }}
          intent={d.mode}
          version={d.mode === "resubmit" ? a?.version : undefined}
          busy={busy}
          submitLabel={d.mode === "apply" ? "提交报名申请" : "重新提交"}
        />
      ) : null}
    </div>
  );
}
