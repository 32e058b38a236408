import { Form, Link, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/center-sitting-certificates";
import { requireSitting } from "~/features/sittings/index.server";
import { requireUserWithPermission } from "~/platform/auth.server";
import { actionOk, runAction } from "~/platform/forms.server";
import { LEVEL_LABELS } from "~/domain/levels";
import { sittingState } from "~/domain/sitting-lifecycle";
import { FormResult } from "~/platform/ui/field";
import { Notice, PageHeader } from "~/platform/ui/page";
import { numberingProblem } from "../service.server";
import { issueForSitting, sittingCertificates } from "../service/registry.server";
import { registryScore } from "~/domain/certificate";
import { StatusBadge } from "../ui/status-badge";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `${data?.sitting.title ?? "考试场次"} · 证书` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  await requireUserWithPermission(request, context, "read:certificate:center");
  const { sitting } = await requireSitting(request, context, params.sittingId, "read");
  const [certificates, problem] = await Promise.all([sittingCertificates(sitting.id), numberingProblem(sitting.centerId)]);
  return {
    sitting: {
      id: sitting.id,
      title: sitting.title,
      kind: sitting.kind,
      level: LEVEL_LABELS[sitting.level as keyof typeof LEVEL_LABELS],
      published: sittingState(sitting) === "published",
    },
    problem,
    certificates: certificates.map((c) => ({ ...c, theoryScore: registryScore(c.theoryScore), skillScore: registryScore(c.skillScore) })),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  await requireUserWithPermission(request, context, "update:certificate:center");
  const { sitting, actor } = await requireSitting(request, context, params.sittingId, "update");
  return runAction(async () => {
    const n = await issueForSitting(sitting, actor, new Date());
    return actionOk(n ? `已颁发证书 ${n} 本。` : "没有待颁发的证书：理论与技能均合格者均已持证。");
  });
}

export default function SittingCertificates() {
  const { sitting, problem, certificates } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const exportUrl = (format: string) => `/center/sittings/${sitting.id}/certificates/export?format=${format}`;
  return (
    <div className="space-y-6">
      <PageHeader
        title={`${sitting.title} · 证书`}
        description={`本场次发布成绩后颁发的证书（${sitting.level}），以及供省级证书登记系统导入的登记文件。`}
        actions={
          <Link
            to={sitting.kind === "skill" ? `/center/skill-sittings/${sitting.id}` : `/center/sittings/${sitting.id}`}
            className="btn-secondary"
          >
            返回场次
          </Link>
        }
      />
      <FormResult result={result} />
      {problem ? (
        <Notice tone="warning">
          <span data-testid="numbering-unset">
            {problem}{" "}
            <Link to="/center/departments" className="link">
              前往设置
            </Link>
          </span>
        </Notice>
      ) : null}
      {sitting.published ? (
        <Form method="post" className="card flex flex-wrap items-center justify-between gap-3">
          <p className="text-sm text-slate-600">
            发布成绩时未能颁发的证书（例如当时证书编号尚未设置），可在此补办颁发。已持证者不会重复颁发。
          </p>
          <button type="submit" className="btn-secondary" disabled={busy}>
            颁发待发证书
          </button>
        </Form>
      ) : (
        <Notice>成绩发布后颁发证书。</Notice>
      )}
      <section className="card space-y-2" aria-labelledby="registry-export">
        <h2 id="registry-export" className="text-lg font-medium">
          证书登记导出
        </h2>
        <p className="text-sm text-slate-600">含完整身份证号，仅供报送省级证书登记系统使用；每次导出均记入操作日志。列说明见使用手册。</p>
        <div className="flex flex-wrap gap-2">
          <a href={exportUrl("xlsx")} className="btn-secondary" download>
            导出 Excel（xlsx）
          </a>
          <a href={exportUrl("csv-utf8")} className="btn-secondary" download>
            导出 CSV（UTF-8）
          </a>
          <a href={exportUrl("csv-gbk")} className="btn-secondary" download>
            导出 CSV（GBK）
          </a>
        </div>
      </section>
      {certificates.length === 0 ? (
        <Notice>本场次尚未颁发证书。</Notice>
      ) : (
        <div className="card overflow-x-auto p-0">
          <table className="table" aria-label="本场次证书">
            <thead>
              <tr>
                <th scope="col">证书编号</th>
                <th scope="col">姓名</th>
                <th scope="col">理论成绩</th>
                <th scope="col">技能成绩</th>
                <th scope="col">发证日期</th>
                <th scope="col">状态</th>
                <th scope="col">原证书编号</th>
              </tr>
            </thead>
            <tbody>
              {certificates.map((c) => (
                <tr key={c.id}>
                  <td className="font-mono">
                    <Link to={`/center/certificates/${c.id}`} className="link">
                      {c.number}
                    </Link>
                  </td>
                  <td>{c.holderName}</td>
                  <td>{c.theoryScore}</td>
                  <td>{c.skillScore}</td>
                  <td>{c.issued}</td>
                  <td>
                    <StatusBadge status={c.status} />
                  </td>
                  <td className="font-mono">{c.replacesNumber ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
