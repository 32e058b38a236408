import { useEffect, useRef, useState } from "react";
import { Form, redirect, useActionData, useNavigation } from "react-router";
import type { Route } from "./+types/exam-login";
import { getAuth } from "~/platform/auth.server";
import { type ActionResult, errorOf } from "~/platform/forms";
import { actionFail, parseForm } from "~/platform/forms.server";
import { Field, FormResult } from "~/platform/ui/field";
import { ExamSignIn } from "../schemas";
import { examLogin, examRequestOf, loadExam } from "../service.server";
import { QueueNotice, type QueuePlace } from "../ui/queue-notice";

export function meta() {
  return [{ title: "考生机考登录 · 政务服务综合窗口办事员" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const exam = await loadExam(examRequestOf(request, getAuth(context).clientAddress), new Date());
  if (exam) throw redirect("/exam/paper");
  return null;
}

type SignInAnswer = ActionResult | { queued: QueuePlace };

// Without JavaScript the form posts here; with it, the page calls POST /exam/api/sign-in (the
// same rules, without a page round trip) and waits in the start queue on the page.
export async function action({ request, context }: Route.ActionArgs) {
  const parsed = await parseForm(request, ExamSignIn);
  if (!parsed.ok) return parsed.response;
  const r = await examLogin(examRequestOf(request, getAuth(context).clientAddress), parsed.data, new Date());
  if (r.ok === "queued") return { queued: { position: r.position, etaSeconds: r.etaSeconds, retryAfterMs: r.retryAfterMs } };
  if (!r.ok) return actionFail(r.status, r.message);
  return redirect("/exam/paper", { headers: { "Set-Cookie": r.cookie } });
}

export default function ExamLogin() {
  const fromAction = useActionData<typeof action>() as SignInAnswer | undefined;
  const [answer, setAnswer] = useState<SignInAnswer | undefined>(undefined);
  const [sending, setSending] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const navigating = useNavigation().state !== "idle";
  const shown = answer ?? fromAction;
  const queued = shown && "queued" in shown ? shown.queued : null;
  const result = shown && !("queued" in shown) ? shown : undefined;

  async function signIn() {
    if (!form.current) return;
    setSending(true);
    try {
      const body = JSON.stringify(Object.fromEntries(new FormData(form.current)));
      const res = await fetch("/exam/api/sign-in", { method: "POST", headers: { "Content-Type": "application/json" }, body });
      const json = (await res.json().catch(() => null)) as SignInAnswer | null;
      if (res.status === 200) return window.location.assign("/exam/paper");
      setAnswer(json ?? { ok: false, message: "网络异常，请稍后重试。", errors: { _form: "网络异常，请稍后重试。" } });
    } catch {
      setAnswer({ ok: false, message: "网络连接中断，请检查网络后重试。", errors: { _form: "网络连接中断，请检查网络后重试。" } });
    } finally {
      setSending(false);
    }
  }

  // In the queue: ask again when the turn is expected (the server says when).
  useEffect(() => {
    if (!queued) return;
    const t = setTimeout(() => void signIn(), queued.retryAfterMs);
    return () => clearTimeout(t);
  }, [queued]);

  const busy = sending || navigating;
  return (
    <div className="flex min-h-screen items-center justify-center bg-gradient-to-b from-brand-50 to-slate-50 px-4">
      <main className="w-full max-w-md">
        <h1 className="mb-1 text-center text-2xl font-semibold text-brand-800">理论知识考试 · 考生登录</h1>
        <p className="mb-6 text-center text-slate-600">请按准考证填写，开考码由监考员在考场内宣布。</p>
        <Form
          method="post"
          ref={form}
          className="card space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            void signIn();
          }}
        >
          {queued ? <QueueNotice place={queued} /> : <FormResult result={result} />}
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
          <button type="submit" className="btn-primary w-full" disabled={busy || queued !== null}>
            {queued ? "排队中…" : busy ? "正在登录…" : "进入考试"}
          </button>
        </Form>
      </main>
    </div>
  );
}
