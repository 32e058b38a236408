import { data, Form, useActionData, useLoaderData } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/admin-centers";
import { audit } from "~/platform/audit.server";
import { getAuth, requireUserWithPermission } from "~/platform/auth.server";
import { db } from "~/platform/db.server";
import { fieldErrors, formToObject, httpError } from "~/platform/http.server";
import { hashPassword } from "~/platform/password.server";
import { accountSchema, centerSchema } from "~/features/staff/schemas";
import { CENTER_KINDS, type CenterKind } from "~/domain/roles";
import { Field, Notice, PageHeader } from "~/platform/ui/page";

export function meta() {
  return [{ title: "中心管理 · 平台管理" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireUserWithPermission(request, context, "read:center:any");
  const centers = await db.center.findMany({
    orderBy: [{ kind: "asc" }, { name: "asc" }],
    include: { parent: true, _count: { select: { people: true, users: true } } },
  });
  return {
    centers: centers.map((c) => ({
      id: c.id,
      name: c.name,
      code: c.code,
      kind: CENTER_KINDS[c.kind as CenterKind] ?? c.kind,
      parent: c.parent?.name ?? null,
      people: c._count.people,
      users: c._count.users,
    })),
  };
}

const AdminSchema = accountSchema.extend({
  centerId: z.string().min(1, "请选择中心").max(40),
  displayName: z.string().trim().min(1, "请填写姓名").max(30, "姓名过长"),
});

export async function action({ request, context }: Route.ActionArgs) {
  const user = await requireUserWithPermission(request, context, "update:center:any");
  const ip = getAuth(context).clientAddress;
  const values = formToObject(await request.formData());
  if (values.intent === "create-center") {
    const parsed = centerSchema.safeParse(values);
    if (!parsed.success) return data({ intent: "create-center", errors: fieldErrors(parsed.error) }, { status: 400 });
    if (parsed.data.parentId && !(await db.center.findUnique({ where: { id: parsed.data.parentId } }))) {
      return data({ intent: "create-center", errors: { parentId: "上级中心不存在" } as Record<string, string> }, { status: 400 });
    }
    const clash = await db.center.findFirst({ where: { OR: [{ name: parsed.data.name }, { code: parsed.data.code }] } });
    if (clash)
      return data({ intent: "create-center", errors: { name: "中心名称或代码已存在" } as Record<string, string> }, { status: 409 });
    const c = await db.center.create({ data: parsed.data });
    await audit({ action: "center.create", actor: user, centerId: c.id, target: c.id, ip, detail: { name: c.name } });
    return data({ intent: "create-center", ok: true, message: `已新增中心：${c.name}`, errors: {} as Record<string, string> });
  }
  if (values.intent === "create-admin") {
    const parsed = AdminSchema.safeParse(values);
    if (!parsed.success) return data({ intent: "create-admin", errors: fieldErrors(parsed.error) }, { status: 400 });
    const center = await db.center.findUnique({ where: { id: parsed.data.centerId } });
    if (!center) return data({ intent: "create-admin", errors: { centerId: "中心不存在" } as Record<string, string> }, { status: 400 });
    if (await db.user.findUnique({ where: { username: parsed.data.username } })) {
      return data({ intent: "create-admin", errors: { username: "该账号已被使用" } as Record<string, string> }, { status: 409 });
    }
    const passwordHash = await hashPassword(parsed.data.password);
    const u = await db.user.create({
      data: {
        username: parsed.data.username,
        displayName: parsed.data.displayName,
        passwordHash,
        mustChangePassword: true,
        centerId: center.id,
        roles: { create: [{ role: "center_admin" }] },
      },
    });
    await audit({
      action: "account.create",
      actor: user,
      centerId: center.id,
      target: u.id,
      ip,
      detail: { username: u.username, roles: ["center_admin"] },
    });
    return data({
      intent: "create-admin",
      ok: true,
      message: `已为 ${center.name} 开通中心管理员账号 ${u.username}`,
      errors: {} as Record<string, string>,
    });
  }
  httpError(400, "未知的操作。");
}

export default function AdminCenters() {
  const { centers } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const err = (intent: string) => (actionData?.intent === intent ? actionData.errors : {}) as Record<string, string>;
  return (
    <div className="space-y-6">
      <PageHeader title="中心管理" description="区级政务服务中心与街镇社区事务受理服务中心。" />
      {actionData && "message" in actionData ? <Notice tone="success">{String(actionData.message)}</Notice> : null}
      <div className="card overflow-x-auto p-0">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">名称</th>
              <th scope="col">代码</th>
              <th scope="col">类型</th>
              <th scope="col">上级中心</th>
              <th scope="col">人员</th>
              <th scope="col">账号</th>
            </tr>
          </thead>
          <tbody>
            {centers.map((c) => (
              <tr key={c.id}>
                <td>{c.name}</td>
                <td className="font-mono">{c.code}</td>
                <td>{c.kind}</td>
                <td>{c.parent ?? "—"}</td>
                <td>{c.people}</td>
                <td>{c.users}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <Form method="post" className="card space-y-4" noValidate>
          <h2 className="text-lg font-medium">新增中心</h2>
          <input type="hidden" name="intent" value="create-center" />
          <Field label="名称" name="c-name" error={err("create-center").name}>
            <input id="c-name" name="name" className="input" />
          </Field>
          <Field label="代码" name="c-code" error={err("create-center").code} hint="2–12位大写字母或数字，用于准考证号等">
            <input id="c-code" name="code" className="input" />
          </Field>
          <Field label="类型" name="c-kind" error={err("create-center").kind}>
            <select id="c-kind" name="kind" className="input">
              {Object.entries(CENTER_KINDS).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </select>
          </Field>
          <Field label="上级中心（街镇中心填写）" name="c-parent" error={err("create-center").parentId}>
            <select id="c-parent" name="parentId" className="input">
              <option value="">无</option>
              {centers.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </Field>
          <button className="btn-primary" type="submit">
            新增
          </button>
        </Form>
        <Form method="post" className="card space-y-4" noValidate>
          <h2 className="text-lg font-medium">开通中心管理员</h2>
          <input type="hidden" name="intent" value="create-admin" />
          <Field label="中心" name="a-center" error={err("create-admin").centerId}>
            <select id="a-center" name="centerId" className="input">
              <option value="">请选择</option>
              {centers.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label="姓名" name="a-name" error={err("create-admin").displayName}>
            <input id="a-name" name="displayName" className="input" />
          </Field>
          <Field label="账号" name="a-username" error={err("create-admin").username}>
            <input id="a-username" name="username" className="input" />
          </Field>
          <Field label="初始密码" name="a-password" error={err("create-admin").password} hint="至少8位，首次登录须修改">
            <input id="a-password" name="password" type="password" autoComplete="new-password" className="input" />
          </Field>
          <button className="btn-primary" type="submit">
            开通
          </button>
        </Form>
      </div>
    </div>
  );
}
