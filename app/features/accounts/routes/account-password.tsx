import { Form, redirect, useActionData, useSearchParams } from "react-router";
import type { Route } from "./+types/account-password";
import { getAuth, requireUser } from "~/platform/auth.server";
import { actionFail, parseForm } from "~/platform/forms.server";
import { errorOf } from "~/platform/forms";
import { sessionCookie } from "~/platform/session.server";
import { PASSWORD_MIN_LENGTH } from "~/domain/password-policy";
import { Field, FormResult } from "~/platform/ui/field";
import { Notice, PageHeader } from "~/platform/ui/page";
import { changePasswordSchema } from "../schemas";
import { changeOwnPassword } from "../service.server";

export function meta() {
  return [{ title: "修改密码 · 政务服务综合窗口办事员" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = requireUser(request, context);
  return { mustChange: user.mustChangePassword };
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = requireUser(request, context);
  const parsed = await parseForm(request, changePasswordSchema);
  if (!parsed.ok) return parsed.response;
  const result = await changeOwnPassword(user, parsed.data, getAuth(context).clientAddress, new Date());
  if (!result.ok) return actionFail(result.status, "当前密码不正确", result.errors);
  return redirect("/home?passwordChanged=1", { headers: { "Set-Cookie": sessionCookie(request, result.token, result.expiresAt) } });
}

export default function AccountPassword({ loaderData }: Route.ComponentProps) {
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <div className="max-w-md">
      <PageHeader title="修改密码" description={`密码至少 ${PASSWORD_MIN_LENGTH} 位。修改后，其他设备上的登录将全部失效。`} />
      {loaderData.mustChange || params.get("first") ? <Notice tone="warning">首次登录或密码已被重置，请先设置新密码。</Notice> : null}
      <FormResult result={result} fieldsMessage="请修正标出的错误后再保存。" />
      <Form method="post" className="card space-y-4">
        <Field label="当前密码" name="current" error={errorOf(result, "current")}>
          {(p) => <input {...p} type="password" autoComplete="current-password" className="input" />}
        </Field>
        <Field label="新密码" name="next" error={errorOf(result, "next")}>
          {(p) => <input {...p} type="password" autoComplete="new-password" className="input" />}
        </Field>
        <Field label="确认新密码" name="confirm" error={errorOf(result, "confirm")}>
          {(p) => <input {...p} type="password" autoComplete="new-password" className="input" />}
        </Field>
        <button type="submit" className="btn-primary">
          保存新密码
        </button>
      </Form>
    </div>
  );
}
