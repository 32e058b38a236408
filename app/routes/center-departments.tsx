import { data, Form, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/center-departments";
import { audit } from "~/server/audit.server";
import { getAuth, requireUserWithPermission } from "~/server/auth.server";
import { db } from "~/server/db.server";
import { fieldErrors, httpError } from "~/server/http.server";
import { departmentSchema } from "~/server/schemas";
import { hasPermission } from "~/domain/permissions";
import { Field, Notice, PageHeader } from "~/ui/page";

export function meta() {
  return [{ title: "部门管理 · 政务服务综合窗口办事员" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUserWithPermission(request, context, "read:department:center");
  if (!user.centerId) httpError(403, "该页面仅适用于中心账号。");
  const departments = await db.department.findMany({
    where: { centerId: user.centerId },
    orderBy: { name: "asc" },
    include: { _count: { select: { people: true } } },
  });
  return {
    canEdit: hasPermission(user.roles, "update:department:center"),
    departments: departments.map((d) => ({ id: d.id, name: d.name, people: d._count.people })),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = await requireUserWithPermission(request, context, "update:department:center");
  if (!user.centerId) httpError(403, "该页面仅适用于中心账号。");
  const parsed = departmentSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error) }, { status: 400 });
  const exists = await db.department.findUnique({ where: { centerId_name: { centerId: user.centerId, name: parsed.data.name } } });
  if (exists) return data({ errors: { name: "本中心已有同名部门" } as Record<string, string> }, { status: 409 });
  const d = await db.department.create({ data: { centerId: user.centerId, name: parsed.data.name } });
  await audit({ action: "department.create", actor: user, target: d.id, ip: getAuth(context).clientAddress, detail: { name: d.name } });
  return data({ ok: true, errors: {} as Record<string, string> });
}

export default function Departments() {
  const { departments, canEdit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="max-w-3xl">
      <PageHeader title="部门管理" description="进驻本中心的常驻部门。季度部门考核与人员归属使用此列表。" />
      {actionData && "ok" in actionData ? <Notice tone="success">部门已添加。</Notice> : null}
      {canEdit ? (
        <Form method="post" className="card mb-6 flex items-end gap-3">
          <div className="flex-1">
            <Field label="新增部门" name="name" error={actionData?.errors?.name}>
              <input id="name" name="name" className="input" placeholder="例如：区市场监督管理局" aria-invalid={!!actionData?.errors?.name} />
            </Field>
          </div>
          <button type="submit" className="btn-primary">添加</button>
        </Form>
      ) : null}
      <div className="card p-0">
        <table className="table">
          <thead><tr><th scope="col">部门名称</th><th scope="col">人员数</th></tr></thead>
          <tbody>
            {departments.map((d) => <tr key={d.id}><td>{d.name}</td><td>{d.people}</td></tr>)}
            {departments.length === 0 ? <tr><td colSpan={2} className="text-slate-500">尚无部门</td></tr> : null}
          </tbody>
        </table>
      </div>
    </div>
  );
}
