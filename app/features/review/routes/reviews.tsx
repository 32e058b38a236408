import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/reviews";
import { requireUserWithPermission } from "~/platform/auth.server";
import { httpError } from "~/platform/http.server";
import { Notice, PageHeader } from "~/platform/ui/page";
import { reviewQueue } from "../service.server";

export function meta() {
  return [{ title: "成绩复核 · 政务服务综合窗口办事员" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUserWithPermission(request, context, "review:result:center");
  if (!user.centerId) httpError(403, "该页面仅适用于中心账号。");
  return { rows: await reviewQueue(user, new Date()) };
}

export default function Reviews() {
  const { rows } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <PageHeader
        title="成绩复核"
        description="考生在公示期内申请的复核：核对计分的算术与完整性，不重新评分。参与过该考生评分或监考的人员不能办理。"
      />
      {rows.length === 0 ? <Notice>暂无复核申请。</Notice> : null}
      {rows.length > 0 ? (
        <div className="card overflow-x-auto p-0">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">考生</th>
                <th scope="col" className="hidden sm:table-cell">
                  场次
                </th>
                <th scope="col" className="hidden sm:table-cell">
                  申请时间
                </th>
                <th scope="col">办结期限</th>
                <th scope="col">状态</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    {r.name}
                    <div className="font-mono text-xs text-slate-500">{r.ticket}</div>
                    <div className="text-xs text-slate-500 sm:hidden">
                      {r.sitting} · {r.kind}
                    </div>
                  </td>
                  <td className="hidden sm:table-cell">
                    {r.sitting}
                    <div className="text-xs text-slate-500">{r.kind}</div>
                  </td>
                  <td className="hidden sm:table-cell">{r.requestedAt}</td>
                  <td className={r.overdue ? "font-medium text-red-700" : undefined}>
                    {r.due}
                    {r.overdue ? "（已逾期）" : ""}
                  </td>
                  <td>
                    {r.status}
                    {r.outcome ? ` · ${r.outcome}` : ""}
                  </td>
                  <td>
                    <Link to={`/reviews/${r.id}`} className="link">
                      {r.refusal ? "查看" : r.outcome ? "查看结论" : "复核"}
                    </Link>
                    {r.refusal ? <div className="text-xs text-slate-600">{r.refusal}</div> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
