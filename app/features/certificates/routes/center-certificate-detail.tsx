import { Form, Link, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/center-certificate-detail";
import { getAuth, requireCenterAccess, requireUserWithPermission } from "~/platform/auth.server";
import { actionOk, parseWith, runAction } from "~/platform/forms.server";
import { type ActionFail, constraintsOf, errorOf, formToObject, valueOf } from "~/platform/forms";
import { httpError } from "~/platform/http.server";
import { LEVEL_LABELS } from "~/domain/levels";
import { formatDateTime } from "~/domain/time";
import { Field, FormResult } from "~/platform/ui/field";
import { Notice, PageHeader } from "~/platform/ui/page";
import { certificateIntentSchema, correctNameSchema, reissueSchema, voidSchema } from "../schemas";
import { certificateCenterId, certificateDetail, correctHolderName, reissueCertificate, voidCertificate } from "../service/life.server";
import { StatusBadge } from "../ui/status-badge";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `证书 ${data?.cert.number ?? ""} · 证书管理` }];
}

async function guard(request: Request, context: Route.LoaderArgs["context"], certificateId: string, action: "read" | "update") {
  const user = await requireUserWithPermission(request, context, `${action}:certificate:center`);
  if (!user.centerId) httpError(403, "该页面仅适用于中心账号。");
  await requireCenterAccess(request, context, user, action, "certificate", await certificateCenterId(certificateId));
  return { user, centerId: user.centerId, actor: { ...user, ip: getAuth(context).clientAddress } };
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { centerId } = await guard(request, context, params.certificateId, "read");
  const cert = await certificateDetail(params.certificateId, centerId);
  return {
    cert: {
      ...cert,
      level: LEVEL_LABELS[cert.level],
      voidedAt: cert.voidedAt ? formatDateTime(cert.voidedAt) : null,
      corrections: cert.corrections.map((k) => ({ ...k, at: formatDateTime(k.at) })),
    },
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { centerId, actor } = await guard(request, context, params.certificateId, "update");
  const form = formToObject(await request.formData());
  const intent = parseWith(certificateIntentSchema, form);
  if (!intent.ok) return intent.response;
  const now = new Date();
  return runAction(async () => {
    switch (intent.data.intent) {
      case "void": {
        const p = parseWith(voidSchema, form);
        if (!p.ok) return p.response;
        const r = await voidCertificate(params.certificateId, centerId, p.data.reason, actor, now);
        return actionOk(`证书 ${r.number} 已作废。`);
      }
      case "reissue": {
        const p = parseWith(reissueSchema, form);
        if (!p.ok) return p.response;
        const r = await reissueCertificate(params.certificateId, centerId, p.data.note, actor, now);
        return actionOk(`已补发新证书 ${r.number}，原证书 ${r.replaces} 失效。`, { id: r.id });
      }
      case "correct-name": {
        const p = parseWith(correctNameSchema, form);
        if (!p.ok) return p.response;
        const r = await correctHolderName(params.certificateId, centerId, p.data, actor, now);
        return actionOk(`证书 ${r.number} 上的姓名已更正为“${r.name}”。`);
      }
    }
  }, form);
}

export default function CertificateDetail() {
  const { cert } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const failed = (intent: string): ActionFail | undefined =>
    result && !result.ok && result.values?.intent === intent ? result : undefined;
  const reissued = result?.ok && result.data && "id" in result.data ? result.data.id : null;
  const platform = cert.source === "platform";
  return (
    <div className="max-w-4xl space-y-6">
      <PageHeader
        title="证书详情"
        description={
          <>
            证书编号 <span className="break-all font-mono">{cert.number}</span> · {cert.holderName} · {cert.level}
          </>
        }
        actions={
          <>
            {platform ? (
              <Link to={`/certificates/${cert.id}/print`} className="btn-secondary" target="_blank">
                打印证书
              </Link>
            ) : null}
            <Link to="/center/certificates" className="btn-secondary">
              返回证书列表
            </Link>
          </>
        }
      />
      <FormResult result={result} fieldsMessage="请修正标出的错误后再提交。" />
      {reissued ? (
        <p>
          <Link to={`/center/certificates/${reissued}`} className="link">
            查看补发的新证书
          </Link>
        </p>
      ) : null}
      <section className="card" aria-labelledby="cert-facts">
        <h2 id="cert-facts" className="mb-3 text-lg font-medium">
          证书信息
        </h2>
        <dl className="grid grid-cols-[8rem_1fr] gap-y-2 text-sm">
          <dt className="text-slate-600">状态</dt>
          <dd data-testid="cert-status">
            <StatusBadge status={cert.status} />
          </dd>
          <dt className="text-slate-600">持证人姓名</dt>
          <dd data-testid="cert-holder">{cert.holderName}</dd>
          <dt className="text-slate-600">等级</dt>
          <dd>{cert.level}</dd>
          <dt className="text-slate-600">发证日期</dt>
          <dd>{cert.issued}</dd>
          {cert.sitting ? (
            <>
              <dt className="text-slate-600">考试场次</dt>
              <dd>
                <Link to={`/center/sittings/${cert.sitting.id}/certificates`} className="link">
                  {cert.sitting.title}
                </Link>
              </dd>
            </>
          ) : null}
          {cert.replaces ? (
            <>
              <dt className="text-slate-600">补发自</dt>
              <dd>
                <Link to={`/center/certificates/${cert.replaces.id}`} className="link font-mono">
                  {cert.replaces.number}
                </Link>
              </dd>
            </>
          ) : null}
          {cert.replacedBy ? (
            <>
              <dt className="text-slate-600">已补发为</dt>
              <dd>
                <Link to={`/center/certificates/${cert.replacedBy.id}`} className="link font-mono">
                  {cert.replacedBy.number}
                </Link>
                （{cert.replacedBy.issued}）
              </dd>
            </>
          ) : null}
          {cert.status !== "valid" && cert.voidedAt ? (
            <>
              <dt className="text-slate-600">{cert.status === "void" ? "作废" : "补发"}</dt>
              <dd>
                {cert.voidedAt}
                {cert.voidedBy ? ` · ${cert.voidedBy}` : ""} · 原因：{cert.voidReason}
              </dd>
            </>
          ) : null}
        </dl>
        {platform && cert.status === "valid" && cert.personName !== cert.holderName ? (
          <Notice tone="warning">人员档案中的姓名为“{cert.personName}”，与证书上的姓名不一致。如证书有误，请在下方更正。</Notice>
        ) : null}
        {!platform ? <Notice>外部录入的证书只作申报条件的依据，不能在本平台作废、补发或更正。</Notice> : null}
      </section>

      {platform && cert.status === "valid" ? (
        <div className="grid gap-6 md:grid-cols-2">
          <Form method="post" className="card space-y-3" noValidate>
            <h2 className="text-lg font-medium">更正姓名</h2>
            <input type="hidden" name="intent" value="correct-name" />
            <p className="text-sm text-slate-600">用于改正证书上错写的姓名，更正记录（操作人、时间、原姓名、新姓名、原因）留存备查。</p>
            <Field label="更正后的姓名" name="name" error={errorOf(failed("correct-name"), "name")}>
              {(p) => (
                <input
                  {...p}
                  className="input"
                  defaultValue={valueOf(failed("correct-name"), "name") ?? (cert.personName !== cert.holderName ? cert.personName : "")}
                  {...constraintsOf(correctNameSchema.shape.name)}
                />
              )}
            </Field>
            <Field label="更正原因" name="reason" id="correct-reason" error={errorOf(failed("correct-name"), "reason")}>
              {(p) => (
                <input
                  {...p}
                  className="input"
                  defaultValue={valueOf(failed("correct-name"), "reason")}
                  {...constraintsOf(correctNameSchema.shape.reason)}
                />
              )}
            </Field>
            <button type="submit" className="btn-secondary" disabled={busy}>
              更正姓名
            </button>
          </Form>
          <Form method="post" className="card space-y-3" noValidate>
            <h2 className="text-lg font-medium">补发证书</h2>
            <input type="hidden" name="intent" value="reissue" />
            <p className="text-sm text-slate-600">证书遗失或损毁时补发：新证书使用新编号并注明原证书编号，原证书随即失效。</p>
            <Field label="补发说明（选填）" name="note" error={errorOf(failed("reissue"), "note")} hint="例如：遗失、损毁">
              {(p) => (
                <input
                  {...p}
                  className="input"
                  defaultValue={valueOf(failed("reissue"), "note")}
                  {...constraintsOf(reissueSchema.shape.note)}
                />
              )}
            </Field>
            <button type="submit" className="btn-secondary" disabled={busy}>
              补发新证书
            </button>
          </Form>
          <Form method="post" className="card space-y-3 md:col-span-2" noValidate>
            <h2 className="text-lg font-medium">作废证书</h2>
            <input type="hidden" name="intent" value="void" />
            <p className="text-sm text-slate-600">作废后不可撤销，公众查询将显示“已作废”及作废日期。</p>
            <Field label="作废原因" name="reason" id="void-reason" error={errorOf(failed("void"), "reason")}>
              {(p) => (
                <input
                  {...p}
                  className="input"
                  defaultValue={valueOf(failed("void"), "reason")}
                  {...constraintsOf(voidSchema.shape.reason)}
                />
              )}
            </Field>
            <button type="submit" className="btn-danger" disabled={busy}>
              作废证书
            </button>
          </Form>
        </div>
      ) : null}

      <section className="card p-0" aria-labelledby="cert-corrections">
        <h2 id="cert-corrections" className="px-4 pt-4 text-lg font-medium">
          更正记录
        </h2>
        {cert.corrections.length === 0 ? (
          <p className="p-4 text-sm text-slate-600">无更正记录。</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="table" aria-label="更正记录">
              <thead>
                <tr>
                  <th scope="col">时间</th>
                  <th scope="col">操作人</th>
                  <th scope="col">原姓名</th>
                  <th scope="col">新姓名</th>
                  <th scope="col">原因</th>
                </tr>
              </thead>
              <tbody>
                {cert.corrections.map((k) => (
                  <tr key={k.id}>
                    <td>{k.at}</td>
                    <td>{k.by}</td>
                    <td>{k.oldValue}</td>
                    <td>{k.newValue}</td>
                    <td>{k.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
