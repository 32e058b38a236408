// Candidate exam sessions and the answer-saving rules. A candidate signs in with ticket number +
// ID number + the room's start code: three equality checks, no password hashing, so a whole room
// can sign in within seconds.
import { timingSafeEqual } from "node:crypto";
import { clockState, SAVE_GRACE_MS } from "~/domain/exam-clock";
import { validateIdNumber } from "~/domain/id-number";
import { ACCOUNT_POLICY, lockedUntil, retryMessage } from "~/domain/throttle";
import { formatTime } from "~/domain/time";
import { gradeTheory, type AnswerValue } from "~/domain/grading";
import { LEVEL_LABELS, THEORY_WEIGHTS, type Area, type Level } from "~/domain/levels";
import { gradableItems, paperOf, roomClock } from "~/domain/paper";
import { roomState, sittingState } from "~/domain/sitting-lifecycle";
import { type AuditActor, auditStep, writeAudit } from "~/platform/audit.server";
import { db } from "~/platform/db.server";
import { httpError } from "~/platform/http.server";
import { candidateOrder, type CandidateOrder } from "~/domain/assembly";
import { clearThrottle, countFailure, loadThrottle } from "~/platform/throttle.server";
import { generateSessionToken, isSecureRequest, sessionIdFromToken } from "~/platform/session.server";

const EXAM_COOKIE = "zw_exam";
const EXAM_SESSION_MS = 8 * 60 * 60_000;

function same(a: string, b: string) {
  const x = Buffer.from(a),
    y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

// Sign-ins, paper loads, claims and submits cost several times a save or a poll, and a whole
// sitting does them within a minute (the start) or a second (0:00). They take turns, at most
// HEAVY_AT_ONCE at a time, and wait (without using the CPU) for a turn; saves and polls never wait
// for them, so answers keep being saved while a thousand candidates sign in or submit.
const HEAVY_AT_ONCE = Number(process.env.EXAM_HEAVY_AT_ONCE ?? 1);
let heavyRunning = 0;
const heavyWaiting: (() => void)[] = [];

export async function heavyExamTurn<T>(work: () => Promise<T>): Promise<T> {
  if (heavyRunning < HEAVY_AT_ONCE) heavyRunning++;
  else await new Promise<void>((resolve) => heavyWaiting.push(resolve));
  try {
    return await work();
  } finally {
    const next = heavyWaiting.shift();
    if (next) next();
    else heavyRunning--;
  }
}

export type ExamLoginResult = { ok: true; cookie: string } | { ok: false; status: 400 | 401 | 409 | 429; message: string };

type PaperRow = { id: string; content: string; items: string };
// A stored paper never changes (re-assembly writes a new row), so its row is read once per
// process: every save and poll of a 3,000-candidate sitting would otherwise fetch ~30 kB of JSON.
const paperRows = new Map<string, PaperRow>();

async function paperRow(id: string): Promise<PaperRow> {
  const hit = paperRows.get(id);
  if (hit) return hit;
  const row = await db.paper.findUniqueOrThrow({ where: { id }, select: { id: true, content: true, items: true } });
  if (paperRows.size >= 500) paperRows.clear();
  paperRows.set(id, row);
  return row;
}

// An attempt's item order is written once, when the attempt starts: parsed once per process.
const orders = new Map<string, CandidateOrder>();

function rememberOrder(attemptId: string, order: CandidateOrder) {
  if (orders.size >= 20_000) orders.clear();
  orders.set(attemptId, order);
}

export async function attemptOrder(attemptId: string): Promise<CandidateOrder> {
  const hit = orders.get(attemptId);
  if (hit) return hit;
  const { itemOrder } = await db.attempt.findUniqueOrThrow({ where: { id: attemptId }, select: { itemOrder: true } });
  const order = JSON.parse(itemOrder) as CandidateOrder;
  rememberOrder(attemptId, order);
  return order;
}

type LoginRow = {
  registrationId: string;
  ticketNumber: string;
  idNumber: string;
  centerId: string;
  paperId: string | null;
  roomId: string | null;
  roomStatus: string | null;
  startCode: string | null;
  attemptId: string | null;
};

export async function examLogin(
  request: Request,
  input: { ticket: string; idNumber: string; startCode: string },
  ip: string,
  now: Date,
): Promise<ExamLoginResult> {
  const key = `ticket:${input.ticket}`;
  const state = await loadThrottle(key);
  const until = lockedUntil(state, now);
  if (until) return { ok: false, status: 429, message: retryMessage(until, now, formatTime) };
  // A whole sitting signs in within minutes: the registration, person, sitting, room and attempt in one query.
  const [reg] = await db.$queryRaw<LoginRow[]>`
    SELECT r."id" AS "registrationId", r."ticketNumber" AS "ticketNumber", p."idNumber" AS "idNumber", si."centerId" AS "centerId",
           si."paperId" AS "paperId", ro."id" AS "roomId", ro."status" AS "roomStatus", ro."startCode" AS "startCode", a."id" AS "attemptId"
      FROM "Registration" r
      JOIN "Person" p ON p."id" = r."personId"
      JOIN "Sitting" si ON si."id" = r."sittingId"
      LEFT JOIN "Room" ro ON ro."id" = r."roomId"
      LEFT JOIN "Attempt" a ON a."registrationId" = r."id"
     WHERE r."ticketNumber" = ${input.ticket}`;
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
  if (!reg.attemptId) {
    const { paper, items } = paperOf(await paperRow(reg.paperId));
    const order = candidateOrder(paper, items, reg.registrationId);
    const attempt = await db.attempt.upsert({
      where: { registrationId: reg.registrationId },
      create: { registrationId: reg.registrationId, itemOrder: JSON.stringify(order), startedAt: now },
      update: {},
      select: { id: true },
    });
    // The same order whichever request created the attempt (it depends on the registration only).
    rememberOrder(attempt.id, order);
  }
  const token = generateSessionToken();
  await db.$transaction([
    db.examSession.create({
      data: {
        id: sessionIdFromToken(token),
        registrationId: reg.registrationId,
        createdAt: now,
        expiresAt: new Date(now.getTime() + EXAM_SESSION_MS),
      },
    }),
    auditStep({ action: "exam.login", ip, target: reg.ticketNumber, centerId: reg.centerId, at: now }),
  ]);
  const secure = isSecureRequest(request) ? "; Secure" : "";
  return { ok: true, cookie: `${EXAM_COOKIE}=${token}; HttpOnly; SameSite=Lax; Path=/exam; Max-Age=${EXAM_SESSION_MS / 1000}${secure}` };
}

export function clearExamCookie() {
  return `${EXAM_COOKIE}=; HttpOnly; SameSite=Lax; Path=/exam; Max-Age=0`;
}

type ExamRow = {
  expiresAt: Date;
  registrationId: string;
  ticketNumber: string;
  seat: number;
  personName: string;
  sittingId: string;
  centerId: string;
  title: string;
  level: string;
  sittingStatus: string;
  durationMinutes: number;
  paperId: string | null;
  roomId: string | null;
  roomName: string | null;
  openedAt: Date | null;
  pausedAt: Date | null;
  pausedMs: number | null;
  attemptId: string | null;
  status: string | null;
  activeWindow: string | null;
  extraMinutes: number | null;
  submitReason: string | null;
  score: number | null;
  passed: boolean | null;
  areaScores: string | null;
};

/**
 * The candidate's registration, room, sitting, paper and attempt; null without a valid exam
 * session. Saved answers only with `withAnswers` (the exam page) and while the attempt is in
 * progress: saves, polls and the submitted view do not need them.
 *
 * Every poll (each candidate every 10 s) and every save starts here, so it is one query: the
 * session joined with its registration, person, sitting, room and attempt, all read fresh (a
 * pause, extra time, a claim by another window or a submit shows at once). Plain SQL that
 * PostgreSQL runs unchanged; the paper and the item order come from per-process caches (both
 * are written once and never change).
 */
export async function loadExam(request: Request, now: Date, { withAnswers = false } = {}) {
  const cookie = request.headers.get("cookie") ?? "";
  const token = cookie
    .split(";")
    .map((p) => p.trim())
    .find((p) => p.startsWith(`${EXAM_COOKIE}=`))
    ?.slice(EXAM_COOKIE.length + 1);
  if (!token || !/^[a-z2-7]{32}$/.test(token)) return null;
  const [row] = await db.$queryRaw<ExamRow[]>`
    SELECT s."expiresAt" AS "expiresAt", r."id" AS "registrationId", r."ticketNumber" AS "ticketNumber", r."seat" AS "seat", p."name" AS "personName",
           si."id" AS "sittingId", si."centerId" AS "centerId", si."title" AS "title", si."level" AS "level", si."status" AS "sittingStatus",
           si."durationMinutes" AS "durationMinutes", si."paperId" AS "paperId",
           ro."id" AS "roomId", ro."name" AS "roomName", ro."openedAt" AS "openedAt", ro."pausedAt" AS "pausedAt", ro."pausedMs" AS "pausedMs",
           a."id" AS "attemptId", a."status" AS "status", a."activeWindow" AS "activeWindow", a."extraMinutes" AS "extraMinutes",
           a."submitReason" AS "submitReason", a."score" AS "score", a."passed" AS "passed", a."areaScores" AS "areaScores"
      FROM "ExamSession" s
      JOIN "Registration" r ON r."id" = s."registrationId"
      JOIN "Person" p ON p."id" = r."personId"
      JOIN "Sitting" si ON si."id" = r."sittingId"
      LEFT JOIN "Room" ro ON ro."id" = r."roomId"
      LEFT JOIN "Attempt" a ON a."registrationId" = r."id"
     WHERE s."id" = ${sessionIdFromToken(token)}`;
  if (!row || row.expiresAt <= now) return null;
  if (!row.attemptId || !row.status || !row.paperId || !row.roomId) return null;
  const room = { id: row.roomId, name: row.roomName ?? "", openedAt: row.openedAt, pausedAt: row.pausedAt, pausedMs: row.pausedMs ?? 0 };
  const attempt = {
    id: row.attemptId,
    status: row.status,
    activeWindow: row.activeWindow,
    extraMinutes: row.extraMinutes ?? 0,
    submitReason: row.submitReason,
    score: row.score,
    passed: row.passed === null ? null : Boolean(row.passed),
    areaScores: row.areaScores,
  };
  const clock = clockState(roomClock(room, row.durationMinutes, attempt.extraMinutes), now);
  // Time ran out with nobody submitting: submit now with what was saved.
  if (attempt.status === "in_progress" && clock.phase === "over") {
    await finalizeAttempt(attempt.id, "deadline", now);
    attempt.status = "submitted";
  }
  const answers =
    withAnswers && attempt.status === "in_progress"
      ? await db.answer.findMany({ where: { attemptId: attempt.id }, select: { itemId: true, value: true } })
      : [];
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
  await db.attempt.update({ where: { id: exam.attempt.id }, data: { activeWindow: windowId } });
}

export type SaveOutcome = { status: 200; savedAt: number } | { status: 409 | 410 | 423; message: string };

const SUBMITTED = "已交卷，答案不能再修改。";
const OTHER_WINDOW = "本场考试已在另一个窗口或设备上打开，此窗口的修改未保存。";

/**
 * Saves one answer. Only the window that last claimed the attempt may write (a stale second
 * window cannot overwrite), and within it a newer sequence number always wins.
 *
 * One statement does the checks and the write together (atomic, no interactive transaction): it
 * inserts or updates the answer only while the attempt is in progress and claimed by this window,
 * and updates only if the stored answer is not already this window's same or newer change. When
 * nothing was written, a read tells why (submitted, another window, or a resend of a save that
 * is already stored, which is acknowledged again).
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
  const entry = order.find((o) => o.itemId === input.itemId);
  if (!entry) httpError(400, "题目不属于本试卷。");
  const { items } = paperOf(exam.reg.sitting.paper);
  const type = items.get(input.itemId)!.type;
  const v = input.value;
  const valid =
    v === null ||
    (type === "判断" && (v === "正确" || v === "错误")) ||
    (type === "单选" && typeof v === "string" && entry.options.includes(v)) ||
    (type === "多选" && Array.isArray(v) && v.length <= entry.options.length && v.every((x) => entry.options.includes(x)));
  if (!valid) httpError(400, "答案格式不正确。");
  const value = JSON.stringify(Array.isArray(v) ? [...new Set(v)].sort() : v);
  const written = await db.$executeRaw`
    INSERT INTO "Answer" ("attemptId", "itemId", "value", "windowId", "seq", "savedAt")
    SELECT "id", ${input.itemId}, ${value}, ${input.windowId}, ${input.seq}, ${now} FROM "Attempt"
     WHERE "id" = ${exam.attempt.id} AND "status" = 'in_progress' AND "activeWindow" = ${input.windowId}
    ON CONFLICT ("attemptId", "itemId") DO UPDATE
       SET "value" = excluded."value", "windowId" = excluded."windowId", "seq" = excluded."seq", "savedAt" = excluded."savedAt"
     WHERE NOT ("Answer"."windowId" = excluded."windowId" AND "Answer"."seq" >= excluded."seq")`;
  if (written > 0) return { status: 200, savedAt: now.getTime() };
  const a = await db.attempt.findUnique({ where: { id: exam.attempt.id }, select: { activeWindow: true, status: true } });
  if (!a || a.status !== "in_progress") return { status: 410, message: SUBMITTED };
  if (a.activeWindow !== input.windowId) return { status: 409, message: OTHER_WINDOW };
  const prev = await db.answer.findUnique({ where: { attemptId_itemId: { attemptId: exam.attempt.id, itemId: input.itemId } } });
  if (prev && prev.windowId === input.windowId && prev.seq >= input.seq) return { status: 200, savedAt: prev.savedAt.getTime() };
  // Unreachable unless the window was claimed away and back between the write and the read.
  return { status: 409, message: OTHER_WINDOW };
}

/** Grades and closes an attempt with what was saved. Safe to call twice: the second call is a no-op. */
export async function finalizeAttempt(attemptId: string, reason: "manual" | "deadline", now: Date, audit?: { ip: string | null }) {
  return db.$transaction(async (tx) => {
    const attempt = await tx.attempt.findUniqueOrThrow({
      where: { id: attemptId },
      include: { answers: true, registration: { include: { sitting: { include: { paper: true } } } } },
    });
    if (attempt.status === "submitted") return attempt;
    const { items } = paperOf(attempt.registration.sitting.paper!);
    const answers = new Map<string, AnswerValue>(attempt.answers.map((a) => [a.itemId, JSON.parse(a.value) as AnswerValue]));
    const grade = gradeTheory(gradableItems(items), answers);
    const done = await tx.attempt.update({
      where: { id: attemptId, status: "in_progress" },
      data: {
        status: "submitted",
        submittedAt: now,
        submitReason: reason,
        score: grade.total,
        passed: grade.passed,
        areaScores: JSON.stringify(grade.byArea),
      },
    });
    // A hand-in is audited; the server's own submits at the deadline are in the attempt record.
    if (audit)
      await writeAudit(tx, {
        action: "exam.submit",
        ip: audit.ip,
        target: attempt.registration.ticketNumber,
        centerId: attempt.registration.sitting.centerId,
        detail: { reason },
        at: now,
      });
    return done;
  });
}

/** Submits, with what was saved, every attempt of a room whose time (and grace) has run out. */
export async function finalizeOverdue(roomId: string, now: Date) {
  const room = await db.room.findUnique({
    where: { id: roomId },
    include: { sitting: true, registrations: { include: { attempt: true } } },
  });
  if (!room?.openedAt) return 0;
  let n = 0;
  for (const r of room.registrations) {
    const a = r.attempt;
    if (!a || a.status !== "in_progress") continue;
    const state = clockState(roomClock(room, room.sitting.durationMinutes, a.extraMinutes), now);
    if (state.phase === "over") {
      await finalizeAttempt(a.id, "deadline", now);
      n++;
    }
  }
  return n;
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
  if (exam.attempt.status !== "in_progress") return { ok: true as const };
  if (exam.attempt.activeWindow !== windowId)
    return { ok: false as const, status: 409 as const, message: "本场考试已在另一个窗口打开，请在该窗口交卷。" };
  const reason = exam.clock.phase === "grace" || exam.clock.phase === "over" ? "deadline" : "manual";
  await finalizeAttempt(exam.attempt.id, reason, now, { ip });
  return { ok: true as const };
}

/** The saved answers of an attempt, by item (what a reclaiming window starts from). */
export async function savedAnswers(attemptId: string): Promise<Record<string, unknown>> {
  const answers = await db.answer.findMany({ where: { attemptId }, select: { itemId: true, value: true } });
  return Object.fromEntries(answers.map((a) => [a.itemId, JSON.parse(a.value)]));
}

/** The exam page: the questions in this candidate's order without keys, or the submitted view. Null without an exam session. */
export async function examPaperView(request: Request, now: Date) {
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
  const { items } = paperOf(reg.sitting.paper);
  const order = await attemptOrder(attempt.id);
  // No keys, explanations or requirement codes leave the server before submission.
  const questions = order.map((o, idx) => {
    const it = items.get(o.itemId)!;
    return {
      id: it.id,
      no: idx + 1,
      type: it.type,
      points: it.points,
      area: it.area,
      stem: it.stem,
      options:
        it.type === "判断"
          ? [
              { value: "正确", label: "", text: "正确" },
              { value: "错误", label: "", text: "错误" },
            ]
          : o.options.map((k, i) => ({ value: k, label: "ABCDE"[i], text: it.options?.[k as "A"] ?? "" })),
    };
  });
  return {
    view: "exam" as const,
    header,
    attemptId: attempt.id,
    questions,
    answers: Object.fromEntries(attempt.answers.map((a) => [a.itemId, JSON.parse(a.value) as AnswerValue])),
    clock: clockPayload(exam.clock, now),
  };
}
