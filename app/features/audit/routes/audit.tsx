import { Form, Link, useLoaderData, useSearchParams } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/audit";
import { AUDIT_ACTION_LABELS } from "~/domain/audit-labels";
import { requireUserWithPermission, scopeCenterId } from "~/platform/auth.server";
import { httpError } from "~/platform/http.server";
import { Field } from "~/platform/ui/field";
import { PageHeader } from "~/platform/ui/page";
import { auditPage } from "../service.server";

const FilterSchema = z.object({
  action: z.string().max(40).optional(),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
});

export function meta() {
  return [{ title: "操作日志 · 政务服务综合窗口办事员" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUserWithPermission(request, context, "read:audit:center");
  const parsed = FilterSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) httpError(400, "查询条件有误。");
  const centerId = scopeCenterId(user, "audit");
  if (centerId === null && !user.roles.includes("platform_admin")) httpError(403, "您没有访问此页面的权限。");
  return { allCenters: centerId === null, ...(await auditPage(centerId, parsed.data)) };
}

export default function Audit() {
  const { rows, total, page, pages, allCenters } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const link = (p: number) => {
    const n = new URLSearchParams(params);
    n.set("page", String(p));
    return `?${n}`;
  };
  return (
    <div>
      <PageHeader title={allCenters ? "全平台操作日志" : "操作日志"} description="登录、登录失败、拒绝访问和数据变更的记录（北京时间）。" />
      <Form method="get" className="card mb-4 flex items-end gap-3">
        <Field label="操作类型" name="action">
          {(p) => (
            <select {...p} defaultValue={params.get("action") ?? ""} className="input w-56">
              <option value="">全部</option>
              {Object.entries(AUDIT_ACTION_LABELS).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button className="btn-secondary" type="submit">
          筛选
        </button>
      </Form>
      <div className="card overflow-x-auto p-0">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">时间</th>
              <th scope="col">操作</th>
              <th scope="col">操作人</th>
              <th scope="col">对象</th>
              <th scope="col">来源地址</th>
              <th scope="col">详情</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td className="whitespace-nowrap">{r.at}</td>
                <td className="whitespace-nowrap">{r.action}</td>
                <td>{r.actor}</td>
                <td className="max-w-48 truncate font-mono text-xs">{r.target}</td>
                <td className="font-mono text-xs">{r.ip}</td>
                <td className="max-w-72 truncate font-mono text-xs" title={r.detail}>
                  {r.detail}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="分页" className="mt-3 flex gap-3 text-sm text-slate-600">
        <span>
          共 {total} 条，第 {page}/{pages} 页
        </span>
        {page > 1 ? (
          <Link className="link" to={link(page - 1)}>
            上一页
          </Link>
        ) : null}
        {page < pages ? (
          <Link className="link" to={link(page + 1)}>
            下一页
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
