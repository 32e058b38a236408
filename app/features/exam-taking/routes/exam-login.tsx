import { data, Form, redirect, useActionData, useNavigation } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/exam-login";
import { getAuth } from "~/platform/auth.server";
import { examLogin, loadExam } from "~/features/exam-taking/service.server";

export function meta() {
  return [{ title: "考生机考登录 · 政务服务综合窗口办事员" }];
}

export async function loader({ request }: Route.LoaderArgs) {
  const exam = await loadExam(request, new Date());
  if (exam) throw redirect("/exam/paper");
  return null;
}

const Schema = z.object({
  ticket: z
    .string()
    .trim()
    .regex(/^[A-Z0-9]{6,24}$/i, "请输入准考证号"),
  idNumber: z.string().trim().min(15, "请输入身份证号").max(18, "身份证号应为18位"),
  startCode: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "开考码为6位数字"),
});

export async function action({ request, context }: Route.ActionArgs) {
  const parsed = Schema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ message: parsed.error.issues[0].message }, { status: 400 });
  const r = await examLogin(
    request,
    { ...parsed.data, ticket: parsed.data.ticket.toUpperCase() },
    getAuth(context).clientAddress,
    new Date(),
  );
  if (!r.ok) return data({ message: r.message }, { status: r.status });
  return redirect("/exam/paper", { headers: { "Set-Cookie": r.cookie } });
}

export default function ExamLogin() {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <div className="flex min-h-screen items-center justify-center bg-gradient-to-b from-brand-50 to-slate-50 px-4">
      <main className="w-full max-w-md">
        <h1 className="mb-1 text-center text-2xl font-semibold text-brand-800">理论知识考试 · 考生登录</h1>
        <p className="mb-6 text-center text-slate-600">请按准考证填写，开考码由监考员在考场内宣布。</p>
        <Form method="post" className="card space-y-4">
          {actionData?.message ? (
            <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
              {actionData.message}
            </p>
          ) : null}
          <div>
            <label htmlFor="ticket" className="label">
              准考证号
            </label>
            <input id="ticket" name="ticket" required autoComplete="off" className="input font-mono" />
          </div>
          <div>
            <label htmlFor="idNumber" className="label">
              身份证号
            </label>
            <input id="idNumber" name="idNumber" required autoComplete="off" className="input font-mono" />
          </div>
          <div>
            <label htmlFor="startCode" className="label">
              开考码
            </label>
            <input
              id="startCode"
              name="startCode"
              required
              inputMode="numeric"
              autoComplete="off"
              className="input font-mono tracking-widest"
            />
          </div>
          <button className="btn-primary w-full" disabled={busy}>
            {busy ? "正在登录…" : "进入考试"}
          </button>
        </Form>
      </main>
    </div>
  );
}
