import { Link, useLoaderData, useSearchParams } from "react-router";
import type { Route } from "./+types/center-applications";
import { APPLICATION_STATUS_LABELS } from "~/domain/application";
import { requireUserWithPermission } from "~/platform/auth.server";
import { httpError } from "~/platform/http.server";
import { Notice, PageHeader } from "~/platform/ui/page";
import { LIST_FILTERS } from "../schemas";
import { centerApplications } from "../service.server";
import { StatusBadge } from "../ui/status";

export function meta() {
  return [{ title: "报名审核 · 政务服务综合窗口办事员" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUserWithPermission(request, context, "read:sitting:center");
  if (!user.centerId) httpError(403, "只有中心的管理员可以审核报名。");
  const url = new URL(request.url);
  const status = LIST_FILTERS.find((s) => s === url.searchParams.get("status"));
  const sittingId = url.searchParams.get("sitting") || undefined;
  return centerApplications(user.centerId, { status, sittingId }, new Date());
}

export default function CenterApplications() {
  const { sittings, counts, total, applications } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const sitting = params.get("sitting") ?? "";
  const status = params.get("status") ?? "";
  const href = (s: string) => `?${new URLSearchParams({ ...(sitting ? { sitting } : {}), ...(s ? { status: s } : {}) })}`;
  return (
    <div className="space-y-4">
      <PageHeader title="报名审核" description="工作人员的网上报名申请：核对补充信息和证明材料后通过、驳回或要求补充。" />
      <form method="get" className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="sitting" className="label">
            考试场次
          </label>
          <select id="sitting" name="sitting" defaultValue={sitting} className="input">
            <option value="">全部开放报名的场次</option>
            {sittings.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}（{s.windowLabel}，名额 {s.seats}）
              </option>
            ))}
          </select>
        </div>
        {status ? <input type="hidden" name="status" value={status} /> : null}
        <button type="submit" className="btn-secondary">
          筛选
        </button>
      </form>
      <nav aria-label="按状态筛选" className="flex flex-wrap gap-2">
        <Link to={href("")} className={status === "" ? "btn-primary" : "btn-secondary"} aria-current={status === "" ? "page" : undefined}>
          全部 {total}
        </Link>
        {LIST_FILTERS.map((s) => (
          <Link
            key={s}
            to={href(s)}
            className={status === s ? "btn-primary" : "btn-secondary"}
            aria-current={status === s ? "page" : undefined}
          >
            {APPLICATION_STATUS_LABELS[s]} {counts[s]}
          </Link>
        ))}
      </nav>
      {sittings.length === 0 ? <Notice>还没有开放网上报名的场次：在考试安排的场次页面设置报名时间和名额。</Notice> : null}
      {applications.length === 0 ? (
        <p className="text-sm text-slate-600">没有符合条件的申请。</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">申请人</th>
                <th scope="col">状态</th>
                <th scope="col">场次</th>
                <th scope="col" className="hidden md:table-cell">
                  部门
                </th>
                <th scope="col" className="hidden sm:table-cell">
                  提交时间
                </th>
                <th scope="col" className="hidden md:table-cell">
                  申报条件
                </th>
                <th scope="col" className="hidden md:table-cell">
                  补充
                </th>
              </tr>
            </thead>
            <tbody>
              {applications.map((a) => (
                <tr key={a.id}>
                  <td className="whitespace-nowrap">
                    <Link to={`/center/applications/${a.id}`} className="link">
                      {a.name}
                    </Link>
                  </td>
                  <td className="whitespace-nowrap">
                    <StatusBadge status={a.status} label={a.statusLabel} position={a.position} />
                  </td>
                  <td>
                    {a.sitting} <span className="text-xs text-slate-500">{a.level}</span>
                  </td>
                  <td className="hidden md:table-cell">{a.department || "—"}</td>
                  <td className="hidden whitespace-nowrap sm:table-cell">{a.submittedAt}</td>
                  <td className="hidden font-mono md:table-cell">{a.eligibility ?? "—"}</td>
                  <td className="hidden md:table-cell">{a.added ? `${a.added} 项` : "无"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
