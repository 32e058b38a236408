import { data, Form, redirect, useActionData, useSearchParams } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/account-password";
import { audit } from "~/platform/audit.server";
import { getAuth, requireUser } from "~/platform/auth.server";
import { db } from "~/platform/db.server";
import { fieldErrors } from "~/platform/http.server";
import { hashPassword, verifyPassword } from "~/platform/password.server";
import { PASSWORD_MIN_LENGTH } from "~/domain/password-policy";
import { createSession, invalidateUserSessions, sessionCookie } from "~/platform/session.server";
import { newPasswordSchema } from "~/features/staff/schemas";
import { Field, Notice, PageHeader } from "~/platform/ui/page";

const Schema = z
  .object({
    current: z.string().min(1, "请输入当前密码"),
    next: newPasswordSchema,
    confirm: z.string(),
  })
  .refine((v) => v.next === v.confirm, { message: "两次输入的新密码不一致", path: ["confirm"] })
  .refine((v) => v.next !== v.current, { message: "新密码不能与当前密码相同", path: ["next"] });

export function meta() {
  return [{ title: "修改密码 · 政务服务综合窗口办事员" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = requireUser(request, context);
  return { mustChange: user.mustChangePassword };
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = requireUser(request, context);
  const parsed = Schema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error) }, { status: 400 });
  const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
  if (!(await verifyPassword(row.passwordHash, parsed.data.current))) {
    return data({ errors: { current: "当前密码不正确" } as Record<string, string> }, { status: 400 });
  }
  const passwordHash = await hashPassword(parsed.data.next);
  const now = new Date();
  await db.user.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: false } });
  // A changed password ends every session of the account, this one included; a new one starts.
  await invalidateUserSessions(user.id);
  const session = await createSession(user.id, now);
  await audit({ action: "auth.password_changed", actor: user, ip: getAuth(context).clientAddress });
  return redirect("/home?passwordChanged=1", { headers: { "Set-Cookie": sessionCookie(request, session.token, session.expiresAt) } });
}

export default function AccountPassword({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const errors: Record<string, string> = actionData?.errors ?? {};
  const [params] = useSearchParams();
  return (
    <div className="max-w-md">
      <PageHeader title="修改密码" description={`密码至少 ${PASSWORD_MIN_LENGTH} 位。修改后，其他设备上的登录将全部失效。`} />
      {loaderData.mustChange || params.get("first") ? <Notice tone="warning">首次登录或密码已被重置，请先设置新密码。</Notice> : null}
      <Form method="post" className="card space-y-4">
        <Field label="当前密码" name="current" error={errors.current}>
          <input
            id="current"
            name="current"
            type="password"
            autoComplete="current-password"
            className="input"
            aria-invalid={!!errors.current}
          />
        </Field>
        <Field label="新密码" name="next" error={errors.next}>
          <input id="next" name="next" type="password" autoComplete="new-password" className="input" aria-invalid={!!errors.next} />
        </Field>
        <Field label="确认新密码" name="confirm" error={errors.confirm}>
          <input
            id="confirm"
            name="confirm"
            type="password"
            autoComplete="new-password"
            className="input"
            aria-invalid={!!errors.confirm}
          />
        </Field>
        <button type="submit" className="btn-primary">
          保存新密码
        </button>
      </Form>
    </div>
  );
}
