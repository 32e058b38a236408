// Candidate exam sessions and the answer-saving rules. A candidate signs in with ticket number +
// ID number + the room's start code: three equality checks, no password hashing, so a whole room
// can sign in within seconds. The data of the hot path goes through the exam store
// (store/index.server.ts: prepared statements, group-committed durable writes); the rules live here.
import { timingSafeEqual } from "node:crypto";
import { clockState, SAVE_GRACE_MS } from "~/domain/exam-clock";
import { validateIdNumber } from "~/domain/id-number";
import { ACCOUNT_POLICY, lockedUntil, retryMessage } from "~/domain/throttle";
import { formatTime } from "~/domain/time";
import { type AnswerValue } from "~/domain/grading";
import { LEVEL_LABELS, THEORY_WEIGHTS, type Area, type Level } from "~/domain/levels";
import { paperOf, roomClock } from "~/domain/paper";
import { roomState, sittingState } from "~/domain/sitting-lifecycle";
import { type AuditActor, auditStep, writeAudit } from "~/platform/audit.server";
import { db } from "~/platform/db.server";
import { httpError } from "~/platform/http.server";
import { candidateOrder, type CandidateOrder } from "~/domain/assembly";
import { newId } from "~/platform/ids.server";
import { clearThrottle, countFailure, loadThrottle } from "~/platform/throttle.server";
import { generateSessionToken, sessionIdFromToken } from "~/platform/session.server";
import type { Prisma } from "~/generated/prisma/client";
import { examStore } from "./store/index.server";
import { isoTime } from "./store/sqlite.server";
import type { AuditRow, PaperRow } from "./store/types";
import type { PaperPayload, PaperQuestion } from "./paper-questions";

const EXAM_COOKIE = "zw_exam";
const EXAM_SESSION_MS = 8 * 60 * 60_000;

/** What the exam's hot path needs of an HTTP request: the same from React Router and from the raw Node handler. */
export type ExamRequest = { cookie: string | null; secure: boolean; ip: string | null };

export function examRequestOf(request: Request, ip: string | null): ExamRequest {
  const proto = request.headers.get("x-zw-client-proto") ?? new URL(request.url).protocol.replace(":", "");
  return { cookie: request.headers.get("cookie"), secure: proto === "https", ip };
}

function same(a: string, b: string) {
  const x = Buffer.from(a),
    y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export type ExamLoginResult =
  | { ok: true; cookie: string }
  | { ok: "queued"; position: number; etaSeconds: number; retryAfterMs: number }
  | { ok: false; status: 400 | 401 | 409 | 429; message: string };

// A stored paper never changes (re-assembly writes a new row), so its row is read once per
// process: every save and poll of a 3,000-candidate sitting would otherwise fetch ~30 kB of JSON.
const paperRows = new Map<string, PaperRow>();

async function paperRow(id: string): Promise<PaperRow> {
  const hit = paperRows.get(id);
  if (hit) return hit;
  const row = await examStore().paper(id);
  if (paperRows.size >= 500) paperRows.clear();
  paperRows.set(id, row);
  return row;
}

// An attempt's item order is written once, when the attempt starts: parsed once per process.
const orders = new Map<string, CandidateOrder>();

function rememberOrder(attemptId: string, order: CandidateOrder) {
  if (orders.size >= 20_000) orders.clear();
  orders.set(attemptId, order);
  return order;
}

export async function attemptOrder(attemptId: string): Promise<CandidateOrder> {
  return orders.get(attemptId) ?? rememberOrder(attemptId, JSON.parse(await examStore().itemOrder(attemptId)) as CandidateOrder);
}

function auditRow(action: string, at: Date, centerId: string | null, target: string | null, ip: string | null, detail?: object): AuditRow {
  return { action, at: isoTime(at), centerId, target, ip, detail: detail ? JSON.stringify(detail) : null };
}

export async function examLogin(
  request: ExamRequest,
  input: { ticket: string; idNumber: string; startCode: string },
  now: Date,
): Promise<ExamLoginResult> {
  const ip = request.ip;
  const key = `ticket:${input.ticket}`;
  const state = await loadThrottle(key);
  const until = lockedUntil(state, now);
  if (until) return { ok: false, status: 429, message: retryMessage(until, now, formatTime) };
  const store = examStore();
  // The registration, person, sitting, room and attempt in one prepared query.
  const reg = await store.loginRow(input.ticket);
  const id = validateIdNumber(input.idNumber);
  const fail = async (message: string) => {
    await countFailure(key, now, ACCOUNT_POLICY, state);
    await auditStep({ action: "exam.login_failed", ip, target: input.ticket, centerId: reg?.centerId ?? null, at: now });
    return { ok: false as const, status: 401 as const, message };
  };
  if (!reg || !reg.roomId || !id.ok || !same(reg.idNumber, id.value)) return fail("准考证号或身份证号不正确，请核对准考证。");
  // A closed room still lets its candidates in to read their submitted paper's result.
  const room = roomState({ status: reg.roomStatus ?? "waiting", pausedAt: null });
  if (room === "waiting" || !reg.startCode) return { ok: false, status: 409, message: "本考场尚未开考，请等待监考员宣布开考码。" };
  if (room === "closed" && !reg.attemptId) return { ok: false, status: 409, message: "本考场考试已结束。" };
  if (!same(reg.startCode, input.startCode.trim())) return fail("开考码不正确，请以监考员宣布的为准。");
  if (!reg.paperId) return { ok: false, status: 409, message: "本场考试尚未组卷，请联系监考员。" };
  if (state) await clearThrottle(key);
  let attempt: { id: string; itemOrder: string; startedAt: string; queuedMs: number } | null = null;
  let order: CandidateOrder | null = null;
  if (!reg.attemptId) {
    // A first start takes a place in the start queue; a candidate signing in again is already in.
    const turn = await store.admission.request(reg.registrationId, now.getTime());
    if (!turn.admitted) return { ok: "queued", position: turn.position, etaSeconds: turn.etaSeconds, retryAfterMs: turn.retryAfterMs };
    const { paper, items } = paperOf(await paperRow(reg.paperId));
    order = candidateOrder(paper, items, reg.registrationId);
    attempt = { id: newId(), itemOrder: JSON.stringify(order), startedAt: isoTime(now), queuedMs: turn.waitedMs };
  }
  const token = generateSessionToken();
  const { attemptId } = await store.write({
    kind: "signIn",
    registrationId: reg.registrationId,
    attempt,
    session: { id: sessionIdFromToken(token), createdAt: isoTime(now), expiresAt: isoTime(new Date(now.getTime() + EXAM_SESSION_MS)) },
    audit: auditRow("exam.login", now, reg.centerId, reg.ticketNumber, ip),
  });
  // The same order whichever request created the attempt (it depends on the registration only).
  if (attempt && order && attemptId === attempt.id) rememberOrder(attemptId, order);
  const secure = request.secure ? "; Secure" : "";
  return { ok: true, cookie: `${EXAM_COOKIE}=${token}; HttpOnly; SameSite=Lax; Path=/exam; Max-Age=${EXAM_SESSION_MS / 1000}${secure}` };
}

export function clearExamCookie() {
  return `${EXAM_COOKIE}=; HttpOnly; SameSite=Lax; Path=/exam; Max-Age=0`;
}

const date = (s: string | null) => (s === null ? null : new Date(s));

/**
 * The candidate's registration, room, sitting, paper and attempt; null without a valid exam
 * session. Saved answers only with `withAnswers` (the exam page) and while the attempt is in
 * progress: saves, polls and the submitted view do not need them.
 *
 * Every poll (each candidate every 10 s) and every save starts here, so it is one prepared
 * query: the session joined with its registration, person, sitting, room and attempt, all read
 * fresh (a pause, extra time, a claim by another window or a submit shows at once). The paper
 * and the item order come from per-process caches (both are written once and never change).
 */
export async function loadExam(request: ExamRequest, now: Date, { withAnswers = false } = {}) {
  const token = (request.cookie ?? "")
    .split(";")
    .map((p) => p.trim())
    .find((p) => p.startsWith(`${EXAM_COOKIE}=`))
    ?.slice(EXAM_COOKIE.length + 1);
  if (!token || !/^[a-z2-7]{32}$/.test(token)) return null;
  const store = examStore();
  const row = await store.sessionRow(sessionIdFromToken(token));
  if (!row || new Date(row.expiresAt) <= now) return null;
  if (!row.attemptId || !row.status || !row.paperId || !row.roomId) return null;
  const room = {
    id: row.roomId,
    name: row.roomName ?? "",
    openedAt: date(row.openedAt),
    pausedAt: date(row.pausedAt),
    pausedMs: row.pausedMs ?? 0,
  };
  const attempt = {
    id: row.attemptId,
    status: row.status,
    activeWindow: row.activeWindow,
    extraMinutes: row.extraMinutes ?? 0,
    queuedMs: row.queuedMs ?? 0,
    submitReason: row.submitReason,
    score: row.score,
    passed: row.passed === null ? null : Boolean(row.passed),
    areaScores: row.areaScores,
  };
  const clock = clockState(roomClock(room, row.durationMinutes, attempt.extraMinutes, attempt.queuedMs), now);
  // Time ran out with nobody submitting: submit now with what was saved.
  if (attempt.status === "in_progress" && clock.phase === "over") {
    await finalizeAttempt(attempt.id, "deadline", now);
    attempt.status = "submitted";
  }
  const answers = withAnswers && attempt.status === "in_progress" ? await store.answers(attempt.id) : [];
  const paper = await paperRow(row.paperId);
  return {
    reg: {
      id: row.registrationId,
      ticketNumber: row.ticketNumber,
      seat: row.seat,
      person: { name: row.personName },
      room,
      sitting: {
        id: row.sittingId,
        centerId: row.centerId,
        title: row.title,
        level: row.level,
        status: row.sittingStatus,
        durationMinutes: row.durationMinutes,
        paper,
      },
    },
    attempt: { ...attempt, answers },
    clock,
  };
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
  await examStore().write({ kind: "claim", attemptId: exam.attempt.id, windowId });
}

export type SaveOutcome = { status: 200; savedAt: number } | { status: 409 | 410 | 423; message: string };

const SUBMITTED = "已交卷，答案不能再修改。";
const OTHER_WINDOW = "本场考试已在另一个窗口或设备上打开，此窗口的修改未保存。";

/** The answer as stored, or null when it does not fit the item (type, options of this candidate's order). */
export function storedAnswer(exam: ExamLoaded, order: CandidateOrder, itemId: string, v: unknown): string | null {
  const entry = order.find((o) => o.itemId === itemId);
  if (!entry) return null;
  const { items } = paperOf(exam.reg.sitting.paper);
  const type = items.get(itemId)!.type;
  const valid =
    v === null ||
    (type === "判断" && (v === "正确" || v === "错误")) ||
    (type === "单选" && typeof v === "string" && entry.options.includes(v)) ||
    (type === "多选" && Array.isArray(v) && v.length <= entry.options.length && v.every((x) => entry.options.includes(x as string)));
  if (!valid) return null;
  return JSON.stringify(Array.isArray(v) ? [...new Set(v)].sort() : v);
}

/**
 * Saves one answer. Only the window that last claimed the attempt may write (a stale second
 * window cannot overwrite), and within it a newer sequence number always wins.
 *
 * One statement does the checks and the write together, as one step of a group-committed
 * transaction; the answer is acknowledged after that transaction is on disk. When nothing was
 * written, a read tells why (submitted, another window, or a resend of a save that is already
 * stored, which is acknowledged again).
 */
export async function saveAnswer(
  exam: ExamLoaded,
  input: { windowId: string; itemId: string; value: string | string[] | null; seq: number },
  now: Date,
): Promise<SaveOutcome> {
  if (exam.attempt.status !== "in_progress") return { status: 410, message: SUBMITTED };
  if (exam.clock.phase === "over") return { status: 410, message: "考试时间已到，已自动交卷。" };
  if (exam.clock.phase === "paused") return { status: 423, message: "考试已暂停，请等待监考员恢复考试。" };
  const order = await attemptOrder(exam.attempt.id);
  if (!order.some((o) => o.itemId === input.itemId)) httpError(400, "题目不属于本试卷。");
  const value = storedAnswer(exam, order, input.itemId, input.value);
  if (value === null) httpError(400, "答案格式不正确。");
  const store = examStore();
  const { written } = await store.write({
    kind: "save",
    attemptId: exam.attempt.id,
    itemId: input.itemId,
    value,
    windowId: input.windowId,
    seq: input.seq,
    savedAt: isoTime(now),
  });
  if (written) return { status: 200, savedAt: now.getTime() };
  const a = await store.attemptState(exam.attempt.id);
  if (!a || a.status !== "in_progress") return { status: 410, message: SUBMITTED };
  if (a.activeWindow !== input.windowId) return { status: 409, message: OTHER_WINDOW };
  const prev = await store.answerRow(exam.attempt.id, input.itemId);
  if (prev && prev.windowId === input.windowId && prev.seq >= input.seq) return { status: 200, savedAt: new Date(prev.savedAt).getTime() };
  // Unreachable unless the window was claimed away and back between the write and the read.
  return { status: 409, message: OTHER_WINDOW };
}

/**
 * Grades and closes an attempt with what was saved, in the same transaction (so every answer
 * acknowledged before counts). Safe to call twice: the second call changes nothing. Returns
 * whether this call submitted it.
 */
export async function finalizeAttempt(
  attemptId: string,
  reason: "manual" | "deadline",
  now: Date,
  audit?: { ip: string | null; ticketNumber: string; centerId: string },
): Promise<boolean> {
  // A hand-in is audited; the server's own submits at the deadline are in the attempt record.
  const row = audit ? auditRow("exam.submit", now, audit.centerId, audit.ticketNumber, audit.ip, { reason }) : null;
  const r = await examStore().write({ kind: "finalize", attemptId, reason, at: isoTime(now), audit: row });
  return r.submitted;
}

/** Submits, with what was saved, every attempt of a room whose time (and grace) has run out. */
export async function finalizeOverdue(roomId: string, now: Date) {
  const room = await db.room.findUnique({
    where: { id: roomId },
    include: { sitting: true, registrations: { include: { attempt: true } } },
  });
  if (!room?.openedAt) return 0;
  const due = room.registrations
    .map((r) => r.attempt)
    .filter((a) => a && a.status === "in_progress")
    .filter((a) => clockState(roomClock(room, room.sitting.durationMinutes, a!.extraMinutes, a!.queuedMs), now).phase === "over");
  const done = await Promise.all(due.map((a) => finalizeAttempt(a!.id, "deadline", now)));
  return done.filter(Boolean).length;
}

/** Extra time for one candidate of a room, with its reason: the attempt, the record and the audit entry together. */
export async function grantExtraTime(
  input: { roomId: string; centerId: string; registrationId: string; minutes: number; reason: string },
  actor: AuditActor,
  now: Date,
) {
  const reg = await db.registration.findUnique({ where: { id: input.registrationId }, include: { attempt: true } });
  if (!reg || reg.roomId !== input.roomId) httpError(404, "该考生不在本考场。");
  if (!reg.attempt || reg.attempt.status !== "in_progress") httpError(409, "只能为正在作答的考生延时。");
  const attemptId = reg.attempt.id;
  await db.$transaction(async (tx) => {
    const changed = await tx.attempt.updateMany({
      where: { id: attemptId, status: "in_progress" },
      data: { extraMinutes: { increment: input.minutes } },
    });
    if (changed.count !== 1) httpError(409, "该考生已交卷，不能再延时。");
    await tx.extraTime.create({ data: { attemptId, minutes: input.minutes, reason: input.reason, byUserId: actor.id, at: now } });
    await writeAudit(tx, {
      action: "room.extra_time",
      actor,
      ip: actor.ip,
      centerId: input.centerId,
      target: reg.ticketNumber,
      detail: { minutes: input.minutes, reason: input.reason },
      at: now,
    });
  });
  return { ticketNumber: reg.ticketNumber };
}

/** Submits an attempt from the exam page (by hand, or the page's own submit at 0:00), from the window that holds it. */
export async function submitFromWindow(exam: ExamLoaded, windowId: string, now: Date, ip: string | null) {
  if (exam.attempt.status !== "in_progress") return { ok: true as const, reason: exam.attempt.submitReason };
  if (exam.attempt.activeWindow !== windowId)
    return { ok: false as const, status: 409 as const, message: "本场考试已在另一个窗口打开，请在该窗口交卷。" };
  const reason = exam.clock.phase === "grace" || exam.clock.phase === "over" ? "deadline" : "manual";
  const here = await finalizeAttempt(exam.attempt.id, reason, now, {
    ip,
    ticketNumber: exam.reg.ticketNumber,
    centerId: exam.reg.sitting.centerId,
  });
  // Not submitted here: the deadline scheduler closed it a moment earlier.
  return { ok: true as const, reason: here ? reason : "deadline" };
}

/** The saved answers of an attempt, by item (what a reclaiming window starts from). */
export async function savedAnswers(attemptId: string): Promise<Record<string, AnswerValue>> {
  const answers = await examStore().answers(attemptId);
  return Object.fromEntries(answers.map((a) => [a.itemId, JSON.parse(a.value) as AnswerValue]));
}

// The questions of a paper without keys, explanations or requirement codes, serialised once per
// paper: the same bytes for every candidate of the sitting (each applies their own order).
const paperPayloads = new Map<string, string>();

/** The paper's questions as JSON, built once per stored paper. */
export function paperPayload(paper: PaperRow): string {
  const hit = paperPayloads.get(paper.id);
  if (hit) return hit;
  const { items } = paperOf(paper);
  const questions: PaperQuestion[] = [...items.values()].map((it) => ({
    id: it.id,
    type: it.type,
    points: it.points,
    area: it.area,
    stem: it.stem,
    options: it.type === "判断" ? null : (it.options ?? null),
  }));
  const json = JSON.stringify({ paperId: paper.id, questions } satisfies PaperPayload);
  if (paperPayloads.size >= 200) paperPayloads.clear();
  paperPayloads.set(paper.id, json);
  return json;
}

/** The exam page: the header, this candidate's order and saved answers (the questions come from the paper payload), or the submitted view. */
export async function examPaperView(request: ExamRequest, now: Date) {
  const exam = await loadExam(request, now, { withAnswers: true });
  if (!exam) return null;
  const { reg, attempt } = exam;
  const level = reg.sitting.level as Level;
  const header = {
    name: reg.person.name,
    ticket: reg.ticketNumber,
    title: reg.sitting.title,
    level: LEVEL_LABELS[level],
    room: reg.room.name,
    seat: reg.seat,
  };
  if (attempt.status === "submitted") {
    const published = sittingState(reg.sitting) === "published";
    const byArea = published && attempt.areaScores ? (JSON.parse(attempt.areaScores) as { area: Area; points: number; max: number }[]) : [];
    return {
      view: "done" as const,
      header,
      result: published
        ? {
            score: attempt.score,
            passed: attempt.passed,
            byArea: byArea.map((a) => ({ ...a, weight: THEORY_WEIGHTS[level][a.area] ?? a.max })),
          }
        : null,
      reason: attempt.submitReason,
    };
  }
  return {
    view: "exam" as const,
    header,
    attemptId: attempt.id,
    paperId: reg.sitting.paper.id,
    order: await attemptOrder(attempt.id),
    answers: Object.fromEntries(attempt.answers.map((a) => [a.itemId, JSON.parse(a.value) as AnswerValue])),
    clock: clockPayload(exam.clock, now),
  };
}

/**
 * A recorded change of a published theory score (after a 复核 found the stored grade did not add
 * up): the attempt's score, pass and areas change, and the correction keeps old, new, why and
 * who. Runs in the caller's transaction, which also holds the 复核 outcome and its audit entry.
 */
export async function recordTheoryCorrection(
  tx: Prisma.TransactionClient,
  input: {
    attemptId: string;
    score: number;
    passed: boolean;
    areaScores: string;
    reason: string;
    reviewRequestId: string | null;
    centerId: string;
  },
  by: AuditActor,
  now: Date,
) {
  const attempt = await tx.attempt.findUniqueOrThrow({ where: { id: input.attemptId } });
  if (attempt.status !== "submitted" || attempt.score === null) httpError(409, "该考生没有已交卷的成绩，不能更正。");
  const changed = await tx.attempt.updateMany({
    where: { id: attempt.id, score: attempt.score },
    data: { score: input.score, passed: input.passed, areaScores: input.areaScores },
  });
  if (changed.count !== 1) httpError(409, "成绩已被他人同时更正，请刷新页面。");
  await tx.theoryCorrection.create({
    data: {
      attemptId: attempt.id,
      oldScore: attempt.score,
      newScore: input.score,
      oldPassed: attempt.passed ?? false,
      newPassed: input.passed,
      reason: input.reason,
      byUserId: by.id,
      byName: by.displayName,
      reviewRequestId: input.reviewRequestId,
      at: now,
    },
  });
  await writeAudit(tx, {
    action: "exam.score_correct",
    actor: by,
    ip: by.ip ?? null,
    centerId: input.centerId,
    target: `attempt:${attempt.id}`,
    at: now,
    detail: { old: attempt.score, new: input.score, oldPassed: attempt.passed, newPassed: input.passed, reason: input.reason },
  });
  return { oldScore: attempt.score };
}
