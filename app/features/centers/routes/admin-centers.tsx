import { Form, useActionData, useLoaderData } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/admin-centers";
import { getAuth, requireUserWithPermission } from "~/platform/auth.server";
import { actionFail, actionOk, parseWith, runAction } from "~/platform/forms.server";
import { type ActionResult, constraintsOf, errorOf, formToObject } from "~/platform/forms";
import { CENTER_KINDS } from "~/domain/roles";
import { centerAdminSchema } from "~/features/accounts";
import { openCenterAdmin } from "~/features/accounts/index.server";
import { Field, FormResult } from "~/platform/ui/field";
import { PageHeader } from "~/platform/ui/page";
import { centerSchema } from "../schemas";
import { createCenter, listCenters } from "../service.server";

export function meta() {
  return [{ title: "中心管理 · 平台管理" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireUserWithPermission(request, context, "read:center:any");
  return { centers: await listCenters() };
}

const IntentSchema = z.object({ intent: z.enum(["create-center", "create-admin"], { message: "未知的操作" }) });

export async function action({ request, context }: Route.ActionArgs) {
  const user = await requireUserWithPermission(request, context, "update:center:any");
  const ip = getAuth(context).clientAddress;
  const values = formToObject(await request.formData());
  const intent = parseWith(IntentSchema, values);
  if (!intent.ok) return intent.response;

  if (intent.data.intent === "create-center") {
    const parsed = parseWith(centerSchema, values);
    if (!parsed.ok) return parsed.response;
    return runAction(async () => {
      const r = await createCenter(parsed.data, user, ip);
      if (!r.ok) return actionFail(r.status, Object.values(r.errors)[0], r.errors, values);
      return actionOk(`已新增中心：${r.name}`);
    }, values);
  }

  const parsed = parseWith(centerAdminSchema, values);
  if (!parsed.ok) return parsed.response;
  return runAction(async () => {
    const r = await openCenterAdmin(parsed.data, user, ip);
    if (!r.ok) return actionFail(r.status, Object.values(r.errors)[0], r.errors, values);
    return actionOk(`已为 ${r.centerName} 开通中心管理员账号 ${r.username}`);
  }, values);
}

export default function AdminCenters() {
  const { centers } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  // Each form shows the refusals of its own submit (the echoed intent says which).
  const of = (intent: string): ActionResult | undefined => (result && !result.ok && result.values?.intent === intent ? result : undefined);
  return (
    <div className="space-y-6">
      <PageHeader title="中心管理" description="区级政务服务中心与街镇社区事务受理服务中心。" />
      <FormResult result={result} fieldsMessage="请修正标出的错误后再保存。" />
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
          <Field label="名称" name="name" id="c-name" error={errorOf(of("create-center"), "name")}>
            {(p) => <input {...p} className="input" {...constraintsOf(centerSchema.shape.name)} />}
          </Field>
          <Field
            label="代码"
            name="code"
            id="c-code"
            error={errorOf(of("create-center"), "code")}
            hint="2–12位大写字母或数字，用于准考证号等"
          >
            {(p) => <input {...p} className="input" />}
          </Field>
          <Field label="类型" name="kind" id="c-kind" error={errorOf(of("create-center"), "kind")}>
            {(p) => (
              <select {...p} className="input">
                {Object.entries(CENTER_KINDS).map(([k, v]) => (
                  <option key={k} value={k}>
                    {v}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="上级中心（街镇中心填写）" name="parentId" id="c-parent" error={errorOf(of("create-center"), "parentId")}>
            {(p) => (
              <select {...p} className="input">
                <option value="">无</option>
                {centers.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button className="btn-primary" type="submit">
            新增
          </button>
        </Form>
        <Form method="post" className="card space-y-4" noValidate>
          <h2 className="text-lg font-medium">开通中心管理员</h2>
          <input type="hidden" name="intent" value="create-admin" />
          <Field label="中心" name="centerId" id="a-center" error={errorOf(of("create-admin"), "centerId")}>
            {(p) => (
              <select {...p} className="input">
                <option value="">请选择</option>
                {centers.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="姓名" name="displayName" id="a-name" error={errorOf(of("create-admin"), "displayName")}>
            {(p) => <input {...p} className="input" {...constraintsOf(centerAdminSchema.shape.displayName)} />}
          </Field>
          <Field label="账号" name="username" id="a-username" error={errorOf(of("create-admin"), "username")}>
            {(p) => <input {...p} className="input" autoComplete="off" />}
          </Field>
          <Field
            label="初始密码"
            name="password"
            id="a-password"
            error={errorOf(of("create-admin"), "password")}
            hint="至少8位，首次登录须修改"
          >
            {(p) => <input {...p} type="password" autoComplete="new-password" className="input" />}
          </Field>
          <button className="btn-primary" type="submit">
            开通
          </button>
        </Form>
      </div>
    </div>
  );
}
