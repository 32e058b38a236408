import { data } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/exam-api";
import { getAuth } from "~/platform/auth.server";
import { claimWindow, clockPayload, loadExam, saveAnswer, savedAnswers, submitFromWindow } from "../service.server";

// JSON endpoint of the exam page: state (GET), claim / save / submit (POST).

const Body = z.discriminatedUnion("op", [
  z.object({ op: z.literal("claim"), windowId: z.string().regex(/^[a-z0-9-]{8,64}$/) }),
  z.object({
    op: z.literal("save"),
    windowId: z.string().regex(/^[a-z0-9-]{8,64}$/),
    itemId: z.string().max(40),
    value: z.union([z.string().max(4), z.array(z.string().max(1)).max(5), z.null()]),
    seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  }),
  z.object({ op: z.literal("submit"), windowId: z.string().regex(/^[a-z0-9-]{8,64}$/) }),
]);

export async function loader({ request }: Route.LoaderArgs) {
  const now = new Date();
  const exam = await loadExam(request, now);
  if (!exam) return data({ message: "考试登录已失效，请重新登录。" }, { status: 401 });
  return { status: exam.attempt.status, activeWindow: exam.attempt.activeWindow, clock: clockPayload(exam.clock, now) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const now = new Date();
  const exam = await loadExam(request, now);
  if (!exam) return data({ message: "考试登录已失效，请重新登录。" }, { status: 401 });
  let json: unknown;
  try {
    json = await request.json();
  } catch {
    return data({ message: "请求格式不正确。" }, { status: 400 });
  }
  const parsed = Body.safeParse(json);
  if (!parsed.success) return data({ message: "请求参数不正确。" }, { status: 400 });
  const body = parsed.data;
  if (body.op === "claim") {
    if (exam.attempt.status !== "in_progress") return data({ message: "已交卷。", status: "submitted" }, { status: 410 });
    await claimWindow(exam, body.windowId);
    return { clock: clockPayload(exam.clock, now), answers: await savedAnswers(exam.attempt.id) };
  }
  if (body.op === "save") {
    const r = await saveAnswer(exam, body, now);
    if (r.status !== 200) return data({ message: r.message, clock: clockPayload(exam.clock, now) }, { status: r.status });
    return { savedAt: r.savedAt, clock: clockPayload(exam.clock, now) };
  }
  // submit: manual, or the page's own auto-submit at 0:00 (then the server decides it is a deadline submit)
  const r = await submitFromWindow(exam, body.windowId, now, getAuth(context).clientAddress);
  if (!r.ok) return data({ message: r.message }, { status: r.status });
  return { status: "submitted" };
}
