import { data, Form, useActionData, useLoaderData } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/center-departments";
import { audit } from "~/platform/audit.server";
import { getAuth, requireUserWithPermission } from "~/platform/auth.server";
import { db } from "~/platform/db.server";
import { fieldErrors, httpError } from "~/platform/http.server";
import { departmentSchema } from "~/features/staff/schemas";
import { hasPermission } from "~/domain/permissions";
import { Field, Notice, PageHeader } from "~/platform/ui/page";

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
  const center = await db.center.findUniqueOrThrow({ where: { id: user.centerId } });
  return {
    settings: {
      certKind: center.certKind,
      certBodyCode: center.certBodyCode,
      certProvince: center.certProvince,
      certSite: center.certSite,
      partValidityMonths: center.partValidityMonths,
    },
    canEdit: hasPermission(user.roles, "update:department:center"),
    departments: departments.map((d) => ({ id: d.id, name: d.name, people: d._count.people })),
  };
}

const SettingsSchema = z.object({
  certKind: z.enum(["Y", "S"], { message: "评价机构类型应为 Y 或 S" }),
  certBodyCode: z.string().regex(/^\d{4}$/, "评价机构代码应为4位数字"),
  certProvince: z.string().regex(/^\d{2}$/, "省份代码应为2位数字"),
  certSite: z.string().regex(/^\d{6}$/, "站点代码应为6位数字"),
  partValidityMonths: z.coerce.number().int().min(1, "有效期至少1个月").max(36, "有效期不超过36个月"),
});

export async function action({ request, context }: Route.ActionArgs) {
  const user = await requireUserWithPermission(request, context, "update:department:center");
  if (!user.centerId) httpError(403, "该页面仅适用于中心账号。");
  const form = Object.fromEntries(await request.formData());
  if (form.intent === "settings") {
    const p = SettingsSchema.safeParse(form);
    if (!p.success) return data({ errors: { settings: p.error.issues[0].message } as Record<string, string> }, { status: 400 });
    await db.center.update({ where: { id: user.centerId }, data: p.data });
    await audit({ action: "center.settings", actor: user, target: user.centerId, ip: getAuth(context).clientAddress, detail: p.data });
    return data({ ok: true, errors: {} as Record<string, string> });
  }
  const parsed = departmentSchema.safeParse(form);
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error) }, { status: 400 });
  const exists = await db.department.findUnique({ where: { centerId_name: { centerId: user.centerId, name: parsed.data.name } } });
  if (exists) return data({ errors: { name: "本中心已有同名部门" } as Record<string, string> }, { status: 409 });
  const d = await db.department.create({ data: { centerId: user.centerId, name: parsed.data.name } });
  await audit({ action: "department.create", actor: user, target: d.id, ip: getAuth(context).clientAddress, detail: { name: d.name } });
  return data({ ok: true, errors: {} as Record<string, string> });
}

export default function Departments() {
  const { departments, canEdit, settings } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="max-w-3xl">
      <PageHeader title="部门管理" description="进驻本中心的常驻部门，以及本中心的证书编号与单科合格有效期设置。" />
      {actionData && "ok" in actionData ? <Notice tone="success">已保存。</Notice> : null}
      {canEdit ? (
        <Form method="post" className="card mb-6 flex items-end gap-3">
          <div className="flex-1">
            <Field label="新增部门" name="name" error={actionData?.errors?.name}>
              <input
                id="name"
                name="name"
                className="input"
                placeholder="例如：区市场监督管理局"
                aria-invalid={!!actionData?.errors?.name}
              />
            </Field>
          </div>
          <button type="submit" className="btn-primary">
            添加
          </button>
        </Form>
      ) : null}
      {canEdit ? (
        <Form method="post" className="card mb-6 space-y-3" noValidate>
          <input type="hidden" name="intent" value="settings" />
          <h2 className="text-lg font-medium">证书与考务设置</h2>
          <p className="text-sm text-slate-600">
            证书编号：1位机构类型字母 + 机构代码4位 + 省份2位 + 站点6位 + 年份2位 + 等级1位 + 序号6位。
          </p>
          {actionData?.errors?.settings ? <p className="field-error">{actionData.errors.settings}</p> : null}
          <div className="flex flex-wrap items-end gap-3">
            <div>
              <label htmlFor="certKind" className="label">
                机构类型
              </label>
              <select id="certKind" name="certKind" defaultValue={settings.certKind} className="input w-44">
                <option value="S">S 社会培训评价组织</option>
                <option value="Y">Y 用人单位</option>
              </select>
            </div>
            <div>
              <label htmlFor="certBodyCode" className="label">
                机构代码
              </label>
              <input id="certBodyCode" name="certBodyCode" defaultValue={settings.certBodyCode} className="input w-24 font-mono" />
            </div>
            <div>
              <label htmlFor="certProvince" className="label">
                省份代码
              </label>
              <input id="certProvince" name="certProvince" defaultValue={settings.certProvince} className="input w-20 font-mono" />
            </div>
            <div>
              <label htmlFor="certSite" className="label">
                站点代码
              </label>
              <input id="certSite" name="certSite" defaultValue={settings.certSite} className="input w-28 font-mono" />
            </div>
            <div>
              <label htmlFor="partValidityMonths" className="label">
                单科合格有效期（月）
              </label>
              <input
                id="partValidityMonths"
                name="partValidityMonths"
                type="number"
                defaultValue={settings.partValidityMonths}
                className="input w-24"
              />
            </div>
            <button className="btn-secondary">保存设置</button>
          </div>
        </Form>
      ) : null}
      <div className="card p-0">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">部门名称</th>
              <th scope="col">人员数</th>
            </tr>
          </thead>
          <tbody>
            {departments.map((d) => (
              <tr key={d.id}>
                <td>{d.name}</td>
                <td>{d.people}</td>
              </tr>
            ))}
            {departments.length === 0 ? (
              <tr>
                <td colSpan={2} className="text-slate-500">
                  尚无部门
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </div>
  );
}
