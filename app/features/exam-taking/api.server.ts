// The exam page's JSON API as one transport-neutral function: the production server calls it
// straight from Node's request handler (no React Router, no page rendering on the hot path), and
// the resource route routes/exam-api.tsx calls the same function in development.
import { gzipSync } from "node:zlib";
import { fieldErrors } from "~/platform/forms";
import { httpErrorOf } from "~/platform/http.server";
import { ExamCall, ExamSignIn } from "./schemas";
import {
  claimWindow,
  clockPayload,
  examLogin,
  type ExamRequest,
  loadExam,
  paperPayload,
  saveAnswer,
  savedAnswers,
  submitFromWindow,
} from "./service.server";

export type ExamApiResponse = { status: number; headers: Record<string, string>; body: string | Buffer };

const JSON_TYPE = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" };

function json(status: number, value: unknown, headers: Record<string, string> = {}): ExamApiResponse {
  return { status, headers: { ...JSON_TYPE, ...headers }, body: JSON.stringify(value) };
}

const EXPIRED = "考试登录已失效，请重新登录。";

// The paper payload is the same bytes for every candidate of a paper: compressed once.
const gzipped = new Map<string, Buffer>();

function paperResponse(paper: { id: string; content: string; items: string }, acceptEncoding: string): ExamApiResponse {
  const body = paperPayload(paper);
  const headers = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "private, no-cache", Vary: "Accept-Encoding" };
  if (!/\bgzip\b/.test(acceptEncoding)) return { status: 200, headers, body };
  let gz = gzipped.get(paper.id);
  if (!gz) {
    gz = gzipSync(body);
    if (gzipped.size >= 200) gzipped.clear();
    gzipped.set(paper.id, gz);
  }
  return { status: 200, headers: { ...headers, "Content-Encoding": "gzip" }, body: gz };
}

function parseBody(text: string | null): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export async function examApi(
  method: string,
  path: string,
  request: ExamRequest,
  bodyText: string | null,
  acceptEncoding = "",
): Promise<ExamApiResponse> {
  try {
    return await route(method, path.replace(/\/+$/, ""), request, bodyText, acceptEncoding);
  } catch (e) {
    // httpError() from the rules: a 4xx with its Chinese message.
    const known = httpErrorOf(e);
    if (known) return json(known.status, { message: known.message });
    throw e;
  }
}

async function route(method: string, path: string, request: ExamRequest, bodyText: string | null, acceptEncoding: string) {
  const now = new Date();
  if (path === "/exam/api/sign-in") {
    if (method !== "POST") return json(405, { message: "请求方式不正确。" });
    const parsed = ExamSignIn.safeParse(parseBody(bodyText));
    if (!parsed.success) return json(400, { ok: false, message: "请检查填写的内容。", errors: fieldErrors(parsed.error) });
    const r = await examLogin(request, parsed.data, now);
    if (r.ok === true) return json(200, { ok: true, next: "/exam/paper" }, { "Set-Cookie": r.cookie });
    if (r.ok === "queued") return json(202, { queued: { position: r.position, etaSeconds: r.etaSeconds, retryAfterMs: r.retryAfterMs } });
    return json(r.status, { ok: false, message: r.message, errors: { _form: r.message } });
  }
  if (path !== "/exam/api" && path !== "/exam/api/paper") return json(404, { message: "接口不存在。" });
  const exam = await loadExam(request, now);
  if (!exam) return json(401, { message: EXPIRED });
  if (path === "/exam/api/paper") {
    if (method !== "GET") return json(405, { message: "请求方式不正确。" });
    return paperResponse(exam.reg.sitting.paper, acceptEncoding);
  }
  if (method === "GET")
    return json(200, { status: exam.attempt.status, activeWindow: exam.attempt.activeWindow, clock: clockPayload(exam.clock, now) });
  if (method !== "POST") return json(405, { message: "请求方式不正确。" });
  const raw = parseBody(bodyText);
  if (raw === undefined) return json(400, { message: "请求格式不正确。" });
  const parsed = ExamCall.safeParse(raw);
  if (!parsed.success) return json(400, { message: "请求参数不正确。" });
  const body = parsed.data;
  if (body.op === "claim") {
    if (exam.attempt.status !== "in_progress") return json(410, { message: "已交卷。", status: "submitted" });
    await claimWindow(exam, body.windowId);
    return json(200, { clock: clockPayload(exam.clock, now), answers: await savedAnswers(exam.attempt.id) });
  }
  if (body.op === "save") {
    const r = await saveAnswer(exam, body, now);
    if (r.status !== 200) return json(r.status, { message: r.message, clock: clockPayload(exam.clock, now) });
    return json(200, { savedAt: r.savedAt, clock: clockPayload(exam.clock, now) });
  }
  // submit: manual, or the page's own auto-submit at 0:00 (then the server decides it is a deadline submit)
  const r = await submitFromWindow(exam, body.windowId, now, request.ip);
  if (!r.ok) return json(r.status, { message: r.message });
  return json(200, { status: "submitted", reason: r.reason });
}
