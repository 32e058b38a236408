// Candidate exam sessions and the answer-saving rules. A candidate signs in with ticket number +
// ID number + the room's start code: three equality checks, no password hashing, so a whole room
// can sign in within seconds.
import { timingSafeEqual } from "node:crypto";
import { clockState, SAVE_GRACE_MS } from "~/domain/exam-clock";
import { validateIdNumber } from "~/domain/id-number";
import { ACCOUNT_POLICY, lockedUntil, recordFailure, retryMessage } from "~/domain/throttle";
import { formatTime } from "~/domain/time";
import { audit } from "./audit.server";
import { db } from "./db.server";
import { httpError } from "./http.server";
import { candidateOrder } from "~/domain/assembly";
import { finalizeAttempt, paperOf, roomClock } from "./sittings.server";
import { generateSessionToken, isSecureRequest, sessionIdFromToken } from "./session.server";

const EXAM_COOKIE = "zw_exam";
const EXAM_SESSION_MS = 8 * 60 * 60_000;

function same(a: string, b: string) {
  const x = Buffer.from(a), y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export type ExamLoginResult = { ok: true; cookie: string } | { ok: false; status: 400 | 401 | 409 | 429; message: string };

export async function examLogin(request: Request, input: { ticket: string; idNumber: string; startCode: string }, ip: string, now: Date): Promise<ExamLoginResult> {
  const key = `ticket:${input.ticket}`;
  const state = await db.loginThrottle.findUnique({ where: { key } });
  const until = lockedUntil(state, now);
  if (until) return { ok: false, status: 429, message: retryMessage(until, now, formatTime) };
  const reg = await db.registration.findUnique({
    where: { ticketNumber: input.ticket },
    include: { person: true, room: true, sitting: { include: { paper: true } }, attempt: true },
  });
  const id = validateIdNumber(input.idNumber);
  const fail = async (message: string) => {
    const next = recordFailure(state, now, ACCOUNT_POLICY);
    await db.loginThrottle.upsert({ where: { key }, create: { key, ...next }, update: next });
    await audit({ action: "exam.login_failed", ip, target: input.ticket, centerId: reg?.sitting.centerId ?? null, at: now });
    return { ok: false as const, status: 401 as const, message };
  };
  if (!reg || !reg.room || !id.ok || !same(reg.person.idNumber, id.value)) return fail("准考证号或身份证号不正确，请核对准考证。");
  if (reg.room.status !== "open" || !reg.room.startCode) return { ok: false, status: 409, message: "本考场尚未开考，请等待监考员宣布开考码。" };
  if (!same(reg.room.startCode, input.startCode.trim())) return fail("开考码不正确，请以监考员宣布的为准。");
  if (!reg.sitting.paper) return { ok: false, status: 409, message: "本场考试尚未组卷，请联系监考员。" };
  await db.loginThrottle.deleteMany({ where: { key } });
  if (!reg.attempt) {
    const { paper, items } = paperOf(reg.sitting.paper);
    await db.attempt.upsert({
      where: { registrationId: reg.id },
      create: { registrationId: reg.id, itemOrder: JSON.stringify(candidateOrder(paper, items, reg.id)), startedAt: now },
      update: {},
    });
  }
  const token = generateSessionToken();
  await db.examSession.create({ data: { id: sessionIdFromToken(token), registrationId: reg.id, createdAt: now, expiresAt: new Date(now.getTime() + EXAM_SESSION_MS) } });
  await audit({ action: "exam.login", ip, target: reg.ticketNumber, centerId: reg.sitting.centerId, at: now });
  const secure = isSecureRequest(request) ? "; Secure" : "";
  return { ok: true, cookie: `${EXAM_COOKIE}=${token}; HttpOnly; SameSite=Lax; Path=/exam; Max-Age=${EXAM_SESSION_MS / 1000}${secure}` };
}

export function clearExamCookie() {
  return `${EXAM_COOKIE}=; HttpOnly; SameSite=Lax; Path=/exam; Max-Age=0`;
}

/**
 * The candidate's registration, room, sitting, paper and attempt; null without a valid exam
 * session. Saved answers only with `withAnswers` (the exam page): saves and polls do not need them.
 */
export async function loadExam(request: Request, now: Date, { withAnswers = false } = {}) {
  const cookie = request.headers.get("cookie") ?? "";
  const token = cookie.split(";").map((p) => p.trim()).find((p) => p.startsWith(`${EXAM_COOKIE}=`))?.slice(EXAM_COOKIE.length + 1);
  if (!token || !/^[a-z2-7]{32}$/.test(token)) return null;
  const session = await db.examSession.findUnique({ where: { id: sessionIdFromToken(token) } });
  if (!session || session.expiresAt <= now) return null;
  const reg = await db.registration.findUnique({
    where: { id: session.registrationId },
    include: { person: true, room: true, sitting: { include: { paper: true } }, attempt: { include: { answers: withAnswers } } },
  });
  if (!reg?.attempt || !reg.sitting.paper || !reg.room) return null;
  const room = reg.room;
  const clock = clockState(roomClock(room, reg.sitting.durationMinutes, reg.attempt.extraMinutes), now);
  // Time ran out with nobody submitting: submit now with what was saved.
  if (reg.attempt.status === "in_progress" && clock.phase === "over") {
    await finalizeAttempt(reg.attempt.id, "deadline", now);
    reg.attempt.status = "submitted";
  }
  return { reg: { ...reg, room }, attempt: reg.attempt, clock };
}

export type ExamLoaded = NonNullable<Awaited<ReturnType<typeof loadExam>>>;

export function clockPayload(clock: ExamLoaded["clock"], now: Date) {
  return {
    phase: clock.phase,
    serverNow: now.getTime(),
    deadline: "deadline" in clock ? clock.deadline.getTime() : null,
    graceMs: SAVE_GRACE_MS,
  };
}

export async function claimWindow(exam: ExamLoaded, windowId: string) {
  await db.attempt.update({ where: { id: exam.attempt.id }, data: { activeWindow: windowId } });
}

export type SaveOutcome = { status: 200; savedAt: number } | { status: 409 | 410 | 423; message: string };

/**
 * Saves one answer. Only the window that last claimed the attempt may write (a stale second
 * window cannot overwrite), and within it a newer sequence number always wins.
 */
export async function saveAnswer(exam: ExamLoaded, input: { windowId: string; itemId: string; value: string | string[] | null; seq: number }, now: Date): Promise<SaveOutcome> {
  if (exam.attempt.status !== "in_progress") return { status: 410, message: "已交卷，答案不能再修改。" };
  if (exam.clock.phase === "over") return { status: 410, message: "考试时间已到，已自动交卷。" };
  if (exam.clock.phase === "paused") return { status: 423, message: "考试已暂停，请等待监考员恢复考试。" };
  const order = JSON.parse(exam.attempt.itemOrder) as { itemId: string; options: string[] }[];
  const entry = order.find((o) => o.itemId === input.itemId);
  if (!entry) httpError(400, "题目不属于本试卷。");
  const { items } = paperOf(exam.reg.sitting.paper!);
  const type = items.get(input.itemId)!.type;
  const v = input.value;
  const valid =
    v === null ||
    (type === "判断" && (v === "正确" || v === "错误")) ||
    (type === "单选" && typeof v === "string" && entry.options.includes(v)) ||
    (type === "多选" && Array.isArray(v) && v.length <= entry.options.length && v.every((x) => entry.options.includes(x)));
  if (!valid) httpError(400, "答案格式不正确。");
  const value = JSON.stringify(Array.isArray(v) ? [...new Set(v)].sort() : v);
  return db.$transaction(async (tx) => {
    const a = await tx.attempt.findUniqueOrThrow({ where: { id: exam.attempt.id }, select: { activeWindow: true, status: true } });
    if (a.status !== "in_progress") return { status: 410 as const, message: "已交卷，答案不能再修改。" };
    if (a.activeWindow !== input.windowId) return { status: 409 as const, message: "本场考试已在另一个窗口或设备上打开，此窗口的修改未保存。" };
    const prev = await tx.answer.findUnique({ where: { attemptId_itemId: { attemptId: exam.attempt.id, itemId: input.itemId } } });
    if (prev && prev.windowId === input.windowId && prev.seq >= input.seq) return { status: 200 as const, savedAt: prev.savedAt.getTime() };
    await tx.answer.upsert({
      where: { attemptId_itemId: { attemptId: exam.attempt.id, itemId: input.itemId } },
      create: { attemptId: exam.attempt.id, itemId: input.itemId, value, windowId: input.windowId, seq: input.seq, savedAt: now },
      update: { value, windowId: input.windowId, seq: input.seq, savedAt: now },
    });
    return { status: 200 as const, savedAt: now.getTime() };
  });
}
