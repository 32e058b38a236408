import { Form, Link, useLoaderData, useSearchParams } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/center-staff";
import { requireUserWithPermission, scopeCenterId } from "~/platform/auth.server";
import { httpError } from "~/platform/http.server";
import { Field } from "~/platform/ui/field";
import { departmentChoices, listStaff } from "../service.server";
import { STAFF_ROLES } from "~/domain/roles";
import { hasPermission } from "~/domain/permissions";
import { PageHeader, Notice } from "~/platform/ui/page";

const FilterSchema = z.object({
  q: z.string().trim().max(30, "搜索词过长").optional(),
  staffRole: z
    .enum(STAFF_ROLES)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  departmentId: z.string().max(40).optional(),
  page: z.coerce.number().int().min(1).max(10_000).optional(),
});

export function meta() {
  return [{ title: "人员管理 · 政务服务综合窗口办事员" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUserWithPermission(request, context, "read:staff:center");
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = FilterSchema.safeParse(params);
  if (!parsed.success) httpError(400, `查询条件有误：${parsed.error.issues[0].message}`);
  const centerId = scopeCenterId(user, "staff");
  const [list, departments] = await Promise.all([
    listStaff(centerId, parsed.data),
    centerId ? departmentChoices(centerId) : Promise.resolve([]),
  ]);
  return {
    list,
    departments,
    allCenters: centerId === null,
    canCreate: hasPermission(user.roles, "create:staff:center") && !!user.centerId,
  };
}

export default function StaffList() {
  const { list, departments, allCenters, canCreate } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const pageLink = (p: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(p));
    return `?${next}`;
  };
  return (
    <div>
      <PageHeader
        title="人员管理"
        description={allCenters ? "全平台人员（平台管理员视图）" : "本中心的政务服务人员。身份证号已脱敏，完整号码仅在人员详情页显示。"}
        actions={
          canCreate ? (
            <>
              <Link to="/center/staff/new" className="btn-primary">
                新增人员
              </Link>
              <Link to="/center/staff/import" className="btn-secondary">
                批量导入（CSV）
              </Link>
            </>
          ) : null
        }
      />
      <Form method="get" className="card mb-4 flex flex-wrap items-end gap-3" role="search">
        <Field label="姓名或手机号" name="q">
          {(p) => <input {...p} defaultValue={params.get("q") ?? ""} className="input w-48" maxLength={30} />}
        </Field>
        <Field label="岗位" name="staffRole">
          {(p) => (
            <select {...p} defaultValue={params.get("staffRole") ?? ""} className="input w-48">
              <option value="">全部岗位</option>
              {STAFF_ROLES.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          )}
        </Field>
        {departments.length > 0 ? (
          <Field label="部门" name="departmentId">
            {(p) => (
              <select {...p} defaultValue={params.get("departmentId") ?? ""} className="input w-48">
                <option value="">全部部门</option>
                {departments.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        <button type="submit" className="btn-secondary">
          查询
        </button>
      </Form>
      {list.total === 0 ? <Notice>没有符合条件的人员。</Notice> : null}
      <div className="card overflow-x-auto p-0">
        <table className="table">
          <caption className="sr-only">人员列表</caption>
          <thead>
            <tr>
              <th scope="col">姓名</th>
              <th scope="col">身份证号</th>
              <th scope="col">手机号</th>
              <th scope="col">岗位</th>
              <th scope="col">部门</th>
              {allCenters ? <th scope="col">中心</th> : null}
              <th scope="col">账号与角色</th>
              <th scope="col">状态</th>
            </tr>
          </thead>
          <tbody>
            {list.rows.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link to={`/center/staff/${r.id}`} className="link font-medium">
                    {r.name}
                  </Link>
                </td>
                <td className="font-mono text-xs">{r.idNumber}</td>
                <td>{r.phone}</td>
                <td>{r.staffRole ?? "—"}</td>
                <td>{r.department ?? "—"}</td>
                {allCenters ? <td>{r.center}</td> : null}
                <td>
                  {r.account ? (
                    <span>
                      {r.account.username}
                      <span className="ml-1 text-slate-500">（{r.account.roles.join("、") || "无角色"}）</span>
                      {!r.account.active ? <span className="badge ml-1 bg-red-100 text-red-800">已停用</span> : null}
                    </span>
                  ) : (
                    <span className="text-slate-400">未开通</span>
                  )}
                </td>
                <td>{r.active ? <span className="badge bg-green-100 text-green-800">在岗</span> : <span className="badge">离岗</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="分页" className="mt-3 flex items-center gap-3 text-sm text-slate-600">
        <span>
          共 {list.total} 人，第 {list.page}/{list.pages} 页
        </span>
        {list.page > 1 ? (
          <Link className="link" to={pageLink(list.page - 1)}>
            上一页
          </Link>
        ) : null}
        {list.page < list.pages ? (
          <Link className="link" to={pageLink(list.page + 1)}>
            下一页
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
