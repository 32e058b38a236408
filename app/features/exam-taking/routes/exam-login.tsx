import { Form, redirect, useActionData, useNavigation } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/exam-login";
import { getAuth } from "~/platform/auth.server";
import { errorOf } from "~/platform/forms";
import { actionFail, parseForm } from "~/platform/forms.server";
import { Field, FormResult } from "~/platform/ui/field";
import { examLogin, loadExam } from "../service.server";

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
    .string({ message: "请输入准考证号" })
    .trim()
    .regex(/^[A-Z0-9]{6,24}$/i, "请输入准考证号"),
  idNumber: z.string({ message: "请输入身份证号" }).trim().min(15, "请输入身份证号").max(18, "身份证号应为18位"),
  startCode: z
    .string({ message: "开考码为6位数字" })
    .trim()
    .regex(/^\d{6}$/, "开考码为6位数字"),
});

export async function action({ request, context }: Route.ActionArgs) {
  const parsed = await parseForm(request, Schema);
  if (!parsed.ok) return parsed.response;
  const r = await examLogin(
    request,
    { ...parsed.data, ticket: parsed.data.ticket.toUpperCase() },
    getAuth(context).clientAddress,
    new Date(),
  );
  if (!r.ok) return actionFail(r.status, r.message);
  return redirect("/exam/paper", { headers: { "Set-Cookie": r.cookie } });
}

export default function ExamLogin() {
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <div className="flex min-h-screen items-center justify-center bg-gradient-to-b from-brand-50 to-slate-50 px-4">
      <main className="w-full max-w-md">
        <h1 className="mb-1 text-center text-2xl font-semibold text-brand-800">理论知识考试 · 考生登录</h1>
        <p className="mb-6 text-center text-slate-600">请按准考证填写，开考码由监考员在考场内宣布。</p>
        <Form method="post" className="card space-y-4">
          <FormResult result={result} />
          <Field label="准考证号" name="ticket" error={errorOf(result, "ticket")}>
            {(p) => <input {...p} required autoComplete="off" className="input font-mono" />}
          </Field>
          <Field label="身份证号" name="idNumber" error={errorOf(result, "idNumber")}>
            {(p) => <input {...p} required maxLength={18} autoComplete="off" className="input font-mono" />}
          </Field>
          <Field label="开考码" name="startCode" error={errorOf(result, "startCode")}>
            {(p) => (
              <input {...p} required inputMode="numeric" maxLength={6} autoComplete="off" className="input font-mono tracking-widest" />
            )}
          </Field>
          <button type="submit" className="btn-primary w-full" disabled={busy}>
            {busy ? "正在登录…" : "进入考试"}
          </button>
        </Form>
      </main>
    </div>
  );
}
