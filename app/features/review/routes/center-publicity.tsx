import { Form, Link, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/center-publicity";
import { requireSitting } from "~/features/sittings/index.server";
import { actionOk, parseForm, runAction } from "~/platform/forms.server";
import { FormResult } from "~/platform/ui/field";
import { PageHeader } from "~/platform/ui/page";
import { publicityIntentSchema } from "../schemas";
import { issueAfterPublicity, sittingPublicityPage } from "../service.server";
import { uncoveredWarning } from "../ui/messages";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `${data?.sitting.title ?? "考试场次"} · 公示与发证` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { sitting } = await requireSitting(request, context, params.sittingId, "read");
  return sittingPublicityPage(sitting.id, new Date());
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { sitting, actor } = await requireSitting(request, context, params.sittingId, "update");
  const parsed = await parseForm(request, publicityIntentSchema);
  if (!parsed.ok) return parsed.response;
  return runAction(async () => {
    const r = await issueAfterPublicity(sitting, actor, new Date());
    return actionOk(
      `已颁发证书 ${r.issued} 本。${r.waiting ? `另有 ${r.waiting} 名考生因复核未办结暂缓发证，办结后请再次点击颁发证书。` : ""}`,
    );
  }, parsed.values);
}

export default function CenterPublicity() {
  const { sitting, publicity, requests, waiting } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="max-w-4xl space-y-4">
      <PageHeader
        title={`${sitting.title} · 公示与发证`}
        description={`${sitting.level} · ${sitting.kind === "skill" ? "技能考核" : "理论知识考试"}${sitting.publishedAt ? ` · ${sitting.publishedAt} 发布成绩` : ""}`}
        actions={
          <Link to={sitting.href} className="btn-secondary">
            返回场次
          </Link>
        }
      />
      <FormResult result={result} />
      <section className="card space-y-2" data-testid="publicity-status">
        <h2 className="font-medium">成绩公示</h2>
        {publicity.state === "none" ? (
          <p>成绩尚未发布。</p>
        ) : (
          <p>
            <strong>{publicity.label}</strong>
            {publicity.lastDay ? `：公示期至 ${publicity.lastDay}（含）` : "（本场未设公示期）"}
            {uncoveredWarning(publicity.warning)}
          </p>
        )}
        {publicity.state === "ended" ? (
          <Form method="post">
            <input type="hidden" name="intent" value="issue" />
            <button type="submit" className="btn-primary">
              颁发证书
            </button>
            <p className="mt-1 text-xs text-slate-600">为理论和技能均合格、复核均已办结的考生颁发证书；可多次点击，已发证者不会重复。</p>
          </Form>
        ) : publicity.state === "open" ? (
          <p className="text-sm text-slate-600">公示期满后才能颁发证书。</p>
        ) : null}
      </section>
      <section className="card space-y-2">
        <h2 className="font-medium">暂缓发证</h2>
        {waiting.length === 0 ? (
          <p className="text-sm text-slate-600">没有等待发证的考生。</p>
        ) : (
          <ul className="list-disc pl-5 text-sm" data-testid="waiting-list">
            {waiting.map((w) => (
              <li key={w.ticket}>
                {w.name}（<span className="font-mono">{w.ticket}</span>）：{w.reason}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card p-0">
        <h2 className="px-4 pt-4 font-medium">复核申请</h2>
        {requests.length === 0 ? (
          <p className="px-4 pb-4 text-sm text-slate-600">本场暂无复核申请。</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">考生</th>
                <th scope="col">申请时间</th>
                <th scope="col">办结期限</th>
                <th scope="col">状态</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => (
                <tr key={r.id}>
                  <td>
                    {r.name} <span className="font-mono text-xs text-slate-500">{r.ticket}</span>
                  </td>
                  <td>{r.requestedAt}</td>
                  <td className={r.overdue ? "font-medium text-red-700" : undefined}>
                    {r.due}
                    {r.overdue ? "（已逾期）" : ""}
                  </td>
                  <td>
                    {r.status}
                    {r.outcome ? ` · ${r.outcome}` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
