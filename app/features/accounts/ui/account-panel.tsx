import { Form } from "react-router";
import { PLATFORM_ROLE_LABELS, type PlatformRole } from "~/domain/roles";
import { type ActionResult, constraintsOf, errorOf } from "~/platform/forms";
import { Field } from "~/platform/ui/field";
import { accountSchema } from "../schemas";
import { RoleCheckboxes } from "./role-checkboxes";

export type AccountSummary = {
  username: string;
  active: boolean;
  mustChangePassword: boolean;
  isSelf: boolean;
  roles: PlatformRole[];
};

/**
 * The login account of a person and its forms (open, roles, reset password, enable/disable). The
 * forms post to the page they are on with an `intent`; `result` is that page's action result,
 * whose echoed `intent` says which form it answers.
 */
export function AccountPanel({
  account,
  suggestedUsername,
  grantable,
  canManage,
  result,
  busy,
}: {
  account: AccountSummary | null;
  suggestedUsername: string;
  grantable: { role: PlatformRole; label: string }[];
  canManage: boolean;
  result: ActionResult<unknown> | undefined;
  busy: boolean;
}) {
  const mine = (intent: string) => (result && !result.ok && result.values?.intent === intent ? result : undefined);
  return (
    <section className="card" aria-labelledby="account-title">
      <h2 id="account-title" className="mb-4 text-lg font-medium">
        登录账号与平台角色
      </h2>
      {!account ? (
        canManage ? (
          <Form method="post" className="space-y-4" noValidate>
            <input type="hidden" name="intent" value="create-account" />
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label="账号" name="username" error={errorOf(mine("create-account"), "username")} hint="建议使用手机号">
                {(p) => <input {...p} defaultValue={suggestedUsername} className="input" autoComplete="off" />}
              </Field>
              <Field label="初始密码" name="password" error={errorOf(mine("create-account"), "password")} hint="至少8位，首次登录须修改">
                {(p) => (
                  <input
                    {...p}
                    type="password"
                    autoComplete="new-password"
                    className="input"
                    {...constraintsOf(accountSchema.shape.password)}
                  />
                )}
              </Field>
            </div>
            <RoleCheckboxes id="new-roles" grantable={grantable} checked={["candidate"]} error={errorOf(mine("create-account"), "roles")} />
            <button type="submit" className="btn-primary" disabled={busy}>
              开通账号
            </button>
          </Form>
        ) : (
          <p className="text-sm text-slate-600">未开通账号。</p>
        )
      ) : (
        <div className="space-y-6">
          <p className="text-sm">
            账号 <strong>{account.username}</strong>
            {account.active ? (
              <span className="badge ml-2 bg-green-100 text-green-800">启用</span>
            ) : (
              <span className="badge ml-2 bg-red-100 text-red-800">已停用</span>
            )}
            {account.mustChangePassword ? <span className="badge ml-2 bg-amber-100 text-amber-900">待修改初始密码</span> : null}
          </p>
          {canManage ? (
            <>
              <Form method="post" className="space-y-3">
                <input type="hidden" name="intent" value="set-roles" />
                <RoleCheckboxes id="roles" grantable={grantable} checked={account.roles} error={errorOf(mine("set-roles"), "roles")} />
                <button type="submit" className="btn-primary" disabled={busy}>
                  保存角色
                </button>
              </Form>
              <div className="flex flex-wrap items-end gap-6 border-t border-slate-100 pt-4">
                <Form method="post" className="flex items-end gap-2" noValidate>
                  <input type="hidden" name="intent" value="reset-password" />
                  <Field label="重置密码" name="password" id="reset-password" error={errorOf(mine("reset-password"), "password")}>
                    {(p) => <input {...p} type="password" autoComplete="new-password" placeholder="新的初始密码" className="input w-56" />}
                  </Field>
                  <button type="submit" className="btn-secondary" disabled={busy}>
                    重置
                  </button>
                </Form>
                {!account.isSelf ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="set-active" />
                    <input type="hidden" name="active" value={account.active ? "false" : "true"} />
                    <button type="submit" className={account.active ? "btn-danger" : "btn-secondary"} disabled={busy}>
                      {account.active ? "停用账号" : "启用账号"}
                    </button>
                  </Form>
                ) : null}
              </div>
            </>
          ) : (
            <p className="text-sm text-slate-600">角色：{account.roles.map((r) => PLATFORM_ROLE_LABELS[r]).join("、")}</p>
          )}
        </div>
      )}
    </section>
  );
}
