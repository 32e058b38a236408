import { data, Form, redirect, useActionData, useNavigation, useSearchParams, Link } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/login";
import { getAuth, getOptionalUser, login } from "~/platform/auth.server";
import { sessionCookie } from "~/platform/session.server";

const LoginSchema = z.object({
  username: z.string().trim().min(1, "请输入账号").max(64, "账号过长"),
  password: z.string().min(1, "请输入密码").max(128, "密码过长"),
  redirectTo: z.string().optional(),
});

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
  const form = Object.fromEntries(await request.formData());
  const parsed = LoginSchema.safeParse(form);
  if (!parsed.success) {
    return data({ message: parsed.error.issues[0].message }, { status: 400 });
  }
  const { username, password, redirectTo } = parsed.data;
  const result = await login(username, password, getAuth(context).clientAddress, new Date());
  if (!result.ok) return data({ message: result.message }, { status: result.status });
  const target = result.user.mustChangePassword ? "/account/password?first=1" : safeRedirect(redirectTo);
  return redirect(target, { headers: { "Set-Cookie": sessionCookie(request, result.token, result.expiresAt) } });
}

export default function Login() {
  const actionData = useActionData<typeof action>();
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
          {actionData?.message ? (
            <p role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
              {actionData.message}
            </p>
          ) : null}
          <Form method="post" className="space-y-4">
            <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
            <div>
              <label htmlFor="username" className="label">
                账号
              </label>
              <input id="username" name="username" autoComplete="username" required className="input" />
            </div>
            <div>
              <label htmlFor="password" className="label">
                密码
              </label>
              <input id="password" name="password" type="password" autoComplete="current-password" required className="input" />
            </div>
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
