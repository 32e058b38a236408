import { useLoaderData } from "react-router";
import type { Route } from "./+types/center-reports";
import { requireUserWithPermission } from "~/platform/auth.server";
import { httpError } from "~/platform/http.server";
import { certificationDashboard } from "~/features/reports/service.server";
import { PageHeader } from "~/platform/ui/page";

export function meta() {
  return [{ title: "统计报表 · 政务服务综合窗口办事员" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUserWithPermission(request, context, "read:report:center");
  if (!user.centerId) httpError(403, "该页面仅适用于中心账号。");
  return certificationDashboard(user.centerId);
}

export default function Reports() {
  const d = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <PageHeader
        title="持证情况"
        description="本中心在岗人员按岗位与所持最高等级统计（DB31107/Z 007 §6.1.3：综合窗口人员应持证）。"
        actions={
          <a className="btn-primary" href="/center/reports/export.xlsx" download>
            导出 Excel
          </a>
        }
      />
      <section className="card">
        <p className="text-lg">
          综合窗口工作人员持证率：
          <strong data-testid="window-share">
            {d.window.share === null ? "无数据" : `${d.window.certified}/${d.window.total}（${(d.window.share * 100).toFixed(1)}%）`}
          </strong>
        </p>
      </section>
      <div className="card overflow-x-auto p-0">
        <table className="table" aria-label="岗位与持证等级">
          <thead>
            <tr>
              <th scope="col">岗位</th>
              <th scope="col">人数</th>
              {d.columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {d.rows.map((r) => (
              <tr key={r.role}>
                <td>{r.role}</td>
                <td>{r.total}</td>
                {d.columns.map((c) => (
                  <td key={c}>{r.counts[c]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="card overflow-x-auto p-0">
        <h2 className="px-5 pt-4 text-lg font-medium">在考人员（已报名、成绩未发布）</h2>
        <table className="table mt-2">
          <thead>
            <tr>
              <th scope="col">姓名</th>
              <th scope="col">岗位</th>
              <th scope="col">场次</th>
            </tr>
          </thead>
          <tbody>
            {d.inProgress.map((p) => (
              <tr key={p.name + p.sittings}>
                <td>{p.name}</td>
                <td>{p.staffRole}</td>
                <td>{p.sittings}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
