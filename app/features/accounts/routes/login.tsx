import { Form, Link, redirect, useActionData, useNavigation, useSearchParams } from "react-router";
import type { Route } from "./+types/login";
import { getAuth, getOptionalUser, login } from "~/platform/auth.server";
import { actionFail, parseForm } from "~/platform/forms.server";
import { sessionCookie } from "~/platform/session.server";
import { Field, FormResult } from "~/platform/ui/field";
import { loginSchema } from "../schemas";

function safeRedirect(to: string | undefined): string {
  if (!to || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return "/home";
  return to;
}

export function meta() {
  return [{ title: "登录 · 政务服务综合窗口办事员 认证与能力平台" }];
}

export async function loader({ context }: Route.LoaderArgs) {
  if (getOptionalUser(context)) throw redirect("/home");
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  const parsed = await parseForm(request, loginSchema);
  if (!parsed.ok) return parsed.response;
  const { username, password, redirectTo } = parsed.data;
  const result = await login(username, password, getAuth(context).clientAddress, new Date());
  // 401 (bad credentials) is not one of the form refusals' statuses; the status is kept as it was.
  if (!result.ok) return actionFail(result.status, result.message);
  const target = result.user.mustChangePassword ? "/account/password?first=1" : safeRedirect(redirectTo);
  return redirect(target, { headers: { "Set-Cookie": sessionCookie(request, result.token, result.expiresAt) } });
}

export default function Login() {
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="flex min-h-screen flex-col items-center justify-center bg-gradient-to-b from-brand-50 to-slate-50 px-4">
      <main className="w-full max-w-md">
        <div className="mb-6 text-center">
          <h1 className="text-2xl font-semibold text-brand-800">政务服务综合窗口办事员</h1>
          <p className="mt-1 text-slate-600">职业技能等级认定 · 培训 · 能力评价平台</p>
        </div>
        <div className="card">
          <h2 className="mb-4 text-lg font-medium">账号登录</h2>
          <FormResult result={result} />
          <Form method="post" className="space-y-4">
            <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
            <Field label="账号" name="username">
              {(p) => <input {...p} autoComplete="username" required className="input" />}
            </Field>
            <Field label="密码" name="password">
              {(p) => <input {...p} type="password" autoComplete="current-password" required className="input" />}
            </Field>
            <button type="submit" className="btn-primary w-full" disabled={busy}>
              {busy ? "正在登录…" : "登录"}
            </button>
          </Form>
        </div>
        <p className="mt-6 text-center text-sm text-slate-600">
          社会公众查询证书真伪，请前往{" "}
          <Link to="/verify" className="link">
            证书查询
          </Link>
          。
        </p>
      </main>
    </div>
  );
}
