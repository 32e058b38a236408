// Sittings, rooms, proctors, registration, paper assembly and publication: the only writer of
// the Sitting, Room, RoomProctor, Registration, Paper and Incident tables. Every state change goes
// through the lifecycle rules of app/domain/sitting-lifecycle.ts and is stored with its timestamp
// and audit entry in one transaction; a change that lost a race (two proctors at once) is refused.
import { randomInt } from "node:crypto";
import { assembleTheoryPaper, typeMix } from "~/domain/assembly";
import { clockState } from "~/domain/exam-clock";
import { requiredProctors } from "~/domain/exam-rules";
import { maskIdNumber } from "~/domain/id-number";
import { LEVEL_LABELS, type Level } from "~/domain/levels";
import { paperOf, roomClock, snapshotOf } from "~/domain/paper";
import {
  canAssemble,
  canCloseRoom,
  canEditSitting,
  canOpenRoom,
  canPauseRoom,
  canProctor,
  canPublish,
  canRegisterCandidate,
  canResumeRoom,
  canStartScoring,
  lateOpening,
  pauseLength,
  ROOM_STATE_LABELS,
  roomShouldClose,
  roomState,
  SITTING_STATE_LABELS,
  sittingState,
  type RoomState,
} from "~/domain/sitting-lifecycle";
import { workingDayPeriod } from "~/domain/publicity";
import { freeSeats } from "~/domain/seating";
import { formatDate, formatDateTime, formatTime } from "~/domain/time";
import { assembleSkillPaper } from "~/domain/skill";
import type { Prisma } from "~/generated/prisma/client";
import { currentBank, currentSkillBank, itemExposure } from "~/features/bank/index.server";
import { registrationEligibility } from "~/features/certificates/index.server";
import { capacityConfig, finalizeAttempt, finalizeOverdue, grantExtraTime } from "~/features/exam-taking/index.server";
import { allAtOnceWaitSeconds, type StaggerRoom, staggeredOpening } from "~/domain/admission";
import { type AuditActor, writeAudit } from "~/platform/audit.server";
import { db } from "~/platform/db.server";
import { httpError, orConflict } from "~/platform/http.server";

export { grantExtraTime };

type Sitting = NonNullable<Awaited<ReturnType<typeof db.sitting.findUnique>>>;
type Room = NonNullable<Awaited<ReturnType<typeof db.room.findUnique>>>;

/** A refusal of the lifecycle as a thrown 4xx with its reason. */
function enforce(r: { ok: true } | { ok: false; status: 403 | 409; reason: string }): void {
  if (!r.ok) httpError(r.status, r.reason);
}

// ---- sittings ----

export async function listSittings(centerId: string) {
  const sittings = await db.sitting.findMany({
    where: { centerId },
    orderBy: { startsAt: "desc" },
    include: { _count: { select: { registrations: true, rooms: true } } },
  });
  return sittings.map((s) => {
    const state = sittingState(s);
    return {
      id: s.id,
      href: s.kind === "skill" ? `/center/skill-sittings/${s.id}` : `/center/sittings/${s.id}`,
      title: s.title,
      level: LEVEL_LABELS[s.level as Level],
      kind: s.kind === "theory" ? "理论知识考试" : "技能考核",
      startsAt: formatDateTime(s.startsAt),
      duration: s.durationMinutes,
      rooms: s._count.rooms,
      candidates: s._count.registrations,
      status: state === "scheduled" ? (s.paperId ? "已组卷" : "未组卷") : SITTING_STATE_LABELS[state],
    };
  });
}

export type NewSitting = { kind: "theory" | "skill"; level: Level; title: string; startsAt: Date; durationMinutes: number; seed?: number };

export async function createSitting(centerId: string, input: NewSitting, actor: AuditActor) {
  return db.$transaction(async (tx) => {
    const sitting = await tx.sitting.create({
      data: {
        centerId,
        kind: input.kind,
        level: input.level,
        title: input.title,
        startsAt: input.startsAt,
        durationMinutes: input.durationMinutes,
        seed: input.seed ?? randomInt(1, 1_000_000),
        createdById: actor.id,
      },
    });
    await writeAudit(tx, { action: "sitting.create", actor, ip: actor.ip, target: sitting.id, detail: { title: sitting.title } });
    return sitting;
  });
}

/** Brings every open room of the sitting up to date (overdue attempts submitted, finished rooms closed). */
async function settleSitting(sittingId: string, now: Date) {
  const rooms = await db.room.findMany({ where: { sittingId, status: "open" }, select: { id: true } });
  for (const r of rooms) await settleRoom(r.id, now);
}

export async function sittingDetail(sittingId: string, now: Date) {
  await settleSitting(sittingId, now);
  const full = await db.sitting.findUniqueOrThrow({
    where: { id: sittingId },
    include: {
      paper: true,
      rooms: {
        orderBy: { name: "asc" },
        include: {
          proctors: { include: { user: true } },
          registrations: { include: { person: true, attempt: true }, orderBy: { seat: "asc" } },
        },
      },
    },
  });
  const [proctorUsers, people] = await Promise.all([
    db.user.findMany({
      where: { centerId: full.centerId, active: true, roles: { some: { role: "proctor" } } },
      orderBy: { displayName: "asc" },
    }),
    db.person.findMany({
      where: { centerId: full.centerId, active: true, registrations: { none: { sittingId: full.id } } },
      orderBy: { name: "asc" },
    }),
  ]);
  const state = sittingState(full);
  const rooms = full.rooms.map((r) => ({ ...r, state: roomState(r) }));
  const paper = full.paper ? paperOf(full.paper).paper : null;
  const assemble = canAssemble({ state, rooms });
  const publish = canPublish({ kind: "theory", state, rooms: rooms.map((r) => ({ name: r.name, state: r.state })) });
  return {
    openingPlan: openingPlanOf(full.rooms.map((r) => ({ id: r.id, name: r.name, candidates: r.registrations.length }))),
    sitting: {
      id: full.id,
      title: full.title,
      level: LEVEL_LABELS[full.level as Level],
      startsAt: formatDateTime(full.startsAt),
      duration: full.durationMinutes,
      seed: full.seed,
      state,
      stateLabel: SITTING_STATE_LABELS[state],
      published: state === "published",
      editable: canEditSitting(state).ok,
      // The online-application window as the form edits it (datetime-local values, Beijing time).
      application: {
        opensAt: full.applyOpensAt ? localInput(full.applyOpensAt) : "",
        closesAt: full.applyClosesAt ? localInput(full.applyClosesAt) : "",
        seats: full.applySeats,
        started: now >= full.startsAt,
      },
    },
    // What the page may offer, and why not: the same rules the actions enforce.
    can: {
      assemble: assemble.ok ? null : assemble.reason,
      publish: publish.ok ? null : publish.reason,
    },
    paper: paper && {
      bankVersion: paper.bankVersion,
      totalPoints: paper.totalPoints,
      sections: paper.sections.map((s) => ({
        area: s.area,
        weight: s.weight,
        points: s.points,
        items: s.items.length,
        mix: typeMix(s.weight),
        ownLevel: s.items.filter((i) => i.level === full.level || i.level === "common").length,
      })),
    },
    rooms: rooms.map((r) => {
      const required = requiredProctors(r.registrations.length);
      return {
        id: r.id,
        name: r.name,
        capacity: r.capacity,
        state: r.state,
        stateLabel: ROOM_STATE_LABELS[r.state],
        required,
        missing: Math.max(0, required - r.proctors.length),
        proctors: r.proctors.map((p) => ({ id: p.userId, name: p.user.displayName })),
        candidates: r.registrations.map((g) => ({
          id: g.id,
          ticket: g.ticketNumber,
          seat: g.seat,
          name: g.person.name,
          idNumber: maskIdNumber(g.person.idNumber),
          retake: g.retake,
          eligibility: g.eligibility,
          status: attemptLabel(g.attempt),
          score: g.attempt?.score ?? null,
          passed: g.attempt?.passed ?? null,
        })),
      };
    }),
    proctorUsers: proctorUsers.map((u) => ({ id: u.id, name: u.displayName })),
    people: people.map((p) => ({ id: p.id, name: p.name, staffRole: p.staffRole })),
  };
}

/** "2026-12-20T09:00" in Beijing time, for a datetime-local input. */
function localInput(d: Date): string {
  return formatDateTime(d).slice(0, 16).replace(" ", "T");
}

/**
 * Publishes (or changes) the sitting's online-application window and seats. `check` runs inside
 * the transaction (the applications feature refuses there, e.g. fewer seats than approvals); the
 * write is a compare-and-set on a sitting that is still scheduled and has not started.
 */
export async function setApplicationWindow(
  sitting: Sitting,
  w: { opensAt: Date; closesAt: Date; seats: number },
  actor: AuditActor,
  now: Date,
  check: (tx: Prisma.TransactionClient) => Promise<void>,
) {
  enforce(canEditSitting(sittingState(sitting)));
  await db.$transaction(async (tx) => {
    await check(tx);
    const changed = await tx.sitting.updateMany({
      where: { id: sitting.id, status: "scheduled", startsAt: { gt: now } },
      data: { applyOpensAt: w.opensAt, applyClosesAt: w.closesAt, applySeats: w.seats },
    });
    if (changed.count !== 1) httpError(409, "考试已开始或场次已变更，不能再设置网上报名。");
    await writeAudit(tx, {
      action: "sitting.application_window",
      actor,
      ip: actor.ip,
      centerId: sitting.centerId,
      target: sitting.id,
      at: now,
      detail: { opensAt: w.opensAt.toISOString(), closesAt: w.closesAt.toISOString(), seats: w.seats },
    });
  });
}

function attemptLabel(a: { status: string } | null): "未开始" | "作答中" | "已交卷" {
  return !a ? "未开始" : a.status === "submitted" ? "已交卷" : "作答中";
}

export async function addRoom(sitting: Sitting, input: { name: string; capacity: number }, actor: AuditActor) {
  enforce(canEditSitting(sittingState(sitting)));
  await db.$transaction(async (tx) => {
    const room = await tx.room.create({ data: { sittingId: sitting.id, ...input } });
    await writeAudit(tx, { action: "room.create", actor, ip: actor.ip, target: room.id, detail: { sitting: sitting.id, ...input } });
  });
}

export async function assignProctor(sitting: Sitting, roomId: string, userId: string, actor: AuditActor) {
  enforce(canEditSitting(sittingState(sitting)));
  const room = await db.room.findUnique({ where: { id: roomId } });
  if (!room || room.sittingId !== sitting.id) httpError(404, "未找到该考场。");
  const proctor = await db.user.findFirst({ where: { id: userId, centerId: sitting.centerId, roles: { some: { role: "proctor" } } } });
  if (!proctor) httpError(400, "只能指派本中心具有监考员角色的账号。");
  const sits = proctor.personId ? await db.registration.count({ where: { sittingId: sitting.id, personId: proctor.personId } }) : 0;
  enforce(canProctor({ isCandidateInSitting: sits > 0, name: proctor.displayName }));
  await db.$transaction(async (tx) => {
    await tx.roomProctor.upsert({
      where: { roomId_userId: { roomId, userId: proctor.id } },
      create: { roomId, userId: proctor.id },
      update: {},
    });
    await writeAudit(tx, { action: "room.assign_proctor", actor, ip: actor.ip, target: roomId, detail: { proctor: proctor.displayName } });
  });
  return { name: proctor.displayName };
}

/** Ticket number: center code + exam date (yyMMdd) + sitting of that day (2) + room or group (2) + seat (2). */
export function ticketNumber(centerCode: string, startsAt: Date, sittingOfDay: number, roomNo: number, seat: number) {
  const ymd = formatDate(startsAt).replace(/-/g, "").slice(2);
  return `${centerCode}${ymd}${String(sittingOfDay).padStart(2, "0")}${String(roomNo).padStart(2, "0")}${String(seat).padStart(2, "0")}`;
}

/** The sitting's number among its center's sittings on the same exam day, by creation order: unique per sitting. */
export async function sittingOfDay(sitting: { id: string; centerId: string; startsAt: Date; createdAt: Date }) {
  const day = formatDate(sitting.startsAt);
  const start = new Date(`${day}T00:00:00+08:00`);
  const end = new Date(start.getTime() + 24 * 60 * 60_000);
  const before = await db.sitting.count({
    where: {
      centerId: sitting.centerId,
      startsAt: { gte: start, lt: end },
      OR: [{ createdAt: { lt: sitting.createdAt } }, { createdAt: sitting.createdAt, id: { lt: sitting.id } }],
    },
  });
  return before + 1;
}

/** True when the person already sat this part at this level and did not pass: a 补考. */
export async function isRetake(personId: string, level: string, kind: string) {
  const earlier = await db.registration.findMany({
    where: { personId, sitting: { level, kind, status: "published" } },
    include: { attempt: true, skillResult: true },
  });
  return earlier.some((r) => (kind === "theory" ? r.attempt && !r.attempt.passed : r.skillResult && !r.skillResult.passed));
}

/** Places people in rooms with free seats (first free seat numbers), in room order; refuses when capacity runs out or a person proctors this sitting. */
export async function registerCandidates(
  sittingId: string,
  personIds: string[],
  eligibility: ReadonlyMap<string, string> = new Map(),
  actor?: AuditActor,
) {
  const sitting = await db.sitting.findUniqueOrThrow({
    where: { id: sittingId },
    include: { center: true, rooms: { orderBy: { name: "asc" }, include: { registrations: true } }, registrations: true },
  });
  enforce(canEditSitting(sittingState(sitting)));
  const already = new Set(sitting.registrations.map((r) => r.personId));
  const fresh = personIds.filter((id) => !already.has(id));
  const people = await db.person.findMany({ where: { id: { in: fresh }, centerId: sitting.centerId } });
  if (people.length !== fresh.length) httpError(403, "只能为本中心人员报名。");
  const proctoring = await db.roomProctor.findMany({ where: { room: { sittingId } }, include: { user: true } });
  const proctorPeople = new Set(proctoring.map((p) => p.user.personId).filter(Boolean));
  for (const p of people) enforce(canRegisterCandidate({ proctorsThisSitting: proctorPeople.has(p.id), name: p.name }));
  const free = sitting.rooms.reduce((n, r) => n + Math.max(0, r.capacity - r.registrations.length), 0);
  if (people.length > free) httpError(400, `考场座位不足：还需 ${people.length - free} 个座位，请先增加考场或容量。`);
  const dayNo = await sittingOfDay(sitting);
  const rows: Parameters<typeof db.registration.create>[0]["data"][] = [];
  let k = 0;
  for (const [ri, room] of sitting.rooms.entries()) {
    // A provisional place: the room's first free seats (排座 may reassign them before opening).
    const seats = freeSeats(
      room.capacity,
      room.registrations.map((r) => r.seat),
      Math.min(people.length - k, room.capacity - room.registrations.length),
    );
    for (const seat of seats) {
      const p = people[k++];
      rows.push({
        sittingId,
        roomId: room.id,
        personId: p.id,
        seat,
        retake: await isRetake(p.id, sitting.level, sitting.kind),
        eligibility: eligibility.get(p.id) ?? null,
        ticketNumber: ticketNumber(sitting.center.code, sitting.startsAt, dayNo, ri + 1, seat),
      });
    }
  }
  const result = { registered: rows.length, skipped: personIds.length - fresh.length };
  await orConflict(
    () =>
      db.$transaction(async (tx) => {
        for (const data of rows) await tx.registration.create({ data });
        if (actor) await writeAudit(tx, { action: "sitting.register", actor, ip: actor.ip, target: sittingId, detail: result });
      }),
    "报名时座位或准考证号与他人同时操作冲突，请刷新后重试。",
  );
  return result;
}

/** Registration from the sitting page: the eligibility check of each person first (申报条件), then seats. */
export async function registerForSitting(sitting: Sitting, personIds: string[], actor: AuditActor, now: Date) {
  enforce(canEditSitting(sittingState(sitting)));
  const { refusal, met } = await registrationEligibility(sitting.centerId, personIds, sitting.level as Level, now);
  if (refusal) httpError(400, refusal);
  return registerCandidates(sitting.id, personIds, met, actor);
}

/** Assembles the sitting's paper from the current bank and stores it with a snapshot of its items. */
export async function assembleSittingPaper(sittingId: string, actor?: AuditActor) {
  const sitting = await db.sitting.findUniqueOrThrow({ where: { id: sittingId }, include: { rooms: true } });
  enforce(canAssemble({ state: sittingState(sitting), rooms: sitting.rooms.map((r) => ({ state: roomState(r) })) }));
  const bank = await currentBank(db);
  if (!bank) httpError(409, "尚未导入题库，请先运行 npm run bank -- import。");
  // Less exposed items first, spread over the level's earlier papers; their ids are recorded on
  // the paper (content.exposure.papers), which keeps it reproducible (decision 016).
  const exposure = await itemExposure(sitting.level as Level, { now: new Date(), excludeSittingId: sittingId });
  const result = assembleTheoryPaper(bank.items, sitting.level as Level, sitting.seed, bank.version, { previous: exposure.papers });
  if (!result.ok) httpError(409, result.message);
  const snapshot = snapshotOf(result.paper, bank.items);
  await db.$transaction(async (tx) => {
    // No room may have opened in the meantime (the paper is fixed from the first opening on).
    const opened = await tx.room.count({ where: { sittingId, status: { not: "waiting" } } });
    if (opened > 0) httpError(409, "已有考场开考，试卷已固定，不能重新组卷。");
    const paper = await tx.paper.create({
      data: {
        level: sitting.level,
        kind: "theory",
        seed: sitting.seed,
        bankVersion: bank.version,
        content: JSON.stringify(result.paper),
        items: JSON.stringify(snapshot),
      },
    });
    await tx.sitting.update({ where: { id: sittingId }, data: { paperId: paper.id } });
    if (actor) await writeAudit(tx, { action: "sitting.assemble", actor, ip: actor.ip, target: sittingId, detail: { seed: sitting.seed } });
  });
}

/**
 * Publishes a theory sitting's results once every room has closed. Publication starts the 公示
 * (the center's working days); certificates come only after it, from the sitting's 公示 page.
 */
export async function publishTheorySitting(sitting: Sitting, actor: AuditActor, now: Date) {
  await settleSitting(sitting.id, now);
  const rooms = await db.room.findMany({ where: { sittingId: sitting.id }, orderBy: { name: "asc" } });
  enforce(canPublish({ kind: "theory", state: sittingState(sitting), rooms: rooms.map((r) => ({ name: r.name, state: roomState(r) })) }));
  const publicity = await publicityOf(sitting.centerId, now);
  await db.$transaction(async (tx) => {
    const changed = await tx.sitting.updateMany({
      where: { id: sitting.id, status: "scheduled" },
      data: { status: "published", publishedAt: now, publicityEndsAt: publicity.endsAt },
    });
    if (changed.count !== 1) httpError(409, "成绩已发布。");
    await writeAudit(tx, {
      action: "sitting.publish",
      actor,
      ip: actor.ip,
      target: sitting.id,
      at: now,
      detail: { publicityLastDay: publicity.lastDay },
    });
  });
  return publicity;
}

/** The 公示 that a publication at `now` starts, from the center's setting. */
async function publicityOf(centerId: string, now: Date) {
  const center = await db.center.findUniqueOrThrow({ where: { id: centerId }, select: { publicityDays: true } });
  return workingDayPeriod(now, center.publicityDays);
}

export async function printView(sittingId: string) {
  const sitting = await db.sitting.findUnique({ where: { id: sittingId }, include: { paper: true } });
  if (!sitting) httpError(404, "未找到该考试场次。");
  return sitting;
}

// ---- rooms: open, pause, resume, close, incidents ----

export async function roomStaffing(roomId: string) {
  const room = await db.room.findUniqueOrThrow({
    where: { id: roomId },
    include: { _count: { select: { registrations: true, proctors: true } } },
  });
  const required = requiredProctors(room._count.registrations);
  return {
    candidates: room._count.registrations,
    proctors: room._count.proctors,
    required,
    missing: Math.max(0, required - room._count.proctors),
  };
}

/** Opens a waiting room: a start code from the CSPRNG; a late opening only with the proctor's confirmation and note. */
export async function openRoom(
  room: Room & { sitting: Sitting },
  actor: AuditActor,
  now: Date,
  late: { confirmed: boolean; note: string },
) {
  const staffing = await roomStaffing(room.id);
  const verdict = canOpenRoom({
    state: roomState(room),
    sittingState: sittingState(room.sitting),
    startsAt: room.sitting.startsAt,
    now,
    hasPaper: !!room.sitting.paperId,
    missingProctors: staffing.missing,
    requiredProctors: staffing.required,
    candidates: staffing.candidates,
    lateConfirmed: late.confirmed && late.note.trim().length >= 2,
  });
  if (!verdict.ok) httpError(verdict.status, verdict.reason);
  const lateness = lateOpening(room.sitting.startsAt, now);
  const code = String(randomInt(100000, 1000000));
  await db.$transaction(async (tx) => {
    const changed = await tx.room.updateMany({
      where: { id: room.id, status: "waiting" },
      data: { status: "open", startCode: code, openedAt: now, lateOpenNote: lateness.late ? late.note.trim() : null },
    });
    if (changed.count !== 1) httpError(409, "考场已由其他监考员开考。");
    await writeAudit(tx, {
      action: "room.open",
      actor,
      ip: actor.ip,
      centerId: room.sitting.centerId,
      target: room.id,
      at: now,
      detail: lateness.late ? { minutesLate: lateness.minutesLate, note: late.note.trim() } : undefined,
    });
  });
}

/** Pauses an open room; refused if another proctor paused it first. */
export async function pauseRoom(room: Room & { sitting: Sitting }, actor: AuditActor, now: Date) {
  enforce(canPauseRoom(roomState(room)));
  await db.$transaction(async (tx) => {
    const changed = await tx.room.updateMany({ where: { id: room.id, status: "open", pausedAt: null }, data: { pausedAt: now } });
    if (changed.count !== 1) httpError(409, "考场状态已被其他监考员改变，请刷新页面。");
    await writeAudit(tx, { action: "room.pause", actor, ip: actor.ip, centerId: room.sitting.centerId, target: room.id, at: now });
  });
}

/**
 * Resumes a paused room. Compare-and-set on the pause it read: two proctors pressing 恢复 at once
 * add the pause to the clock once, and the second is told the room already resumed.
 */
export async function resumeRoom(room: Room & { sitting: Sitting }, actor: AuditActor, now: Date) {
  enforce(canResumeRoom(roomState(room)));
  const pausedAt = room.pausedAt!;
  await db.$transaction(async (tx) => {
    const changed = await tx.room.updateMany({
      where: { id: room.id, status: "open", pausedAt, pausedMs: room.pausedMs },
      data: { pausedAt: null, pausedMs: room.pausedMs + pauseLength(pausedAt, now) },
    });
    if (changed.count !== 1) httpError(409, "考场状态已被其他监考员改变，请刷新页面。");
    await writeAudit(tx, { action: "room.resume", actor, ip: actor.ip, centerId: room.sitting.centerId, target: room.id, at: now });
  });
}

/**
 * Submits a room's overdue attempts and closes the room once nobody can still write (see
 * roomShouldClose). Called whenever a room or its sitting is looked at, so a finished room shows
 * 已结束 without anyone pressing a button. Returns the room's state afterwards.
 */
export async function settleRoom(roomId: string, now: Date): Promise<RoomState> {
  const room = await db.room.findUniqueOrThrow({
    where: { id: roomId },
    include: {
      sitting: true,
      registrations: { include: { attempt: { select: { id: true, status: true, extraMinutes: true, queuedMs: true } } } },
    },
  });
  const state = roomState(room);
  if (state === "waiting" || state === "closed") return state;
  const attempts = room.registrations.map((r) => r.attempt).filter((a) => a !== null);
  // Time ran out with nobody submitting: submit with what was saved (one read of the room for both steps).
  for (const a of attempts) {
    if (a.status === "submitted") continue;
    if (clockState(roomClock(room, room.sitting.durationMinutes, a.extraMinutes, a.queuedMs), now).phase !== "over") continue;
    await finalizeAttempt(a.id, "deadline", now);
    a.status = "submitted";
  }
  if (state !== "open") return state;
  // The candidate with the latest deadline: the most extra time plus start-queue credit.
  const latest = attempts.reduce<{ extraMinutes: number; queuedMs: number }>(
    (best, a) => (a.extraMinutes * 60_000 + a.queuedMs > best.extraMinutes * 60_000 + best.queuedMs ? a : best),
    { extraMinutes: 0, queuedMs: 0 },
  );
  const last = clockState(roomClock(room, room.sitting.durationMinutes, latest.extraMinutes, latest.queuedMs), now);
  const facts = {
    state,
    registered: room.registrations.length,
    submitted: attempts.filter((a) => a.status === "submitted").length,
    inProgress: attempts.filter((a) => a.status !== "submitted").length,
    // "over" is past the deadline of the candidate with the most extra time, grace for saves included.
    timeOver: last.phase === "over",
  };
  if (!roomShouldClose(facts)) return state;
  await db.$transaction(async (tx) => {
    const changed = await tx.room.updateMany({
      where: { id: room.id, status: "open", pausedAt: null },
      data: { status: "closed", closedAt: now },
    });
    if (changed.count === 1)
      await writeAudit(tx, {
        action: "room.close",
        centerId: room.sitting.centerId,
        target: room.id,
        at: now,
        detail: { submitted: facts.submitted, registered: facts.registered },
      });
  });
  return "closed";
}

/** The proctor ends the room once nobody is writing; those who never signed in count as absent. */
export async function closeRoom(room: Room & { sitting: Sitting }, actor: AuditActor, now: Date) {
  await finalizeOverdue(room.id, now);
  const regs = await db.registration.findMany({ where: { roomId: room.id }, include: { attempt: { select: { status: true } } } });
  const inProgress = regs.filter((r) => r.attempt && r.attempt.status !== "submitted").length;
  enforce(canCloseRoom({ state: roomState(room), inProgress }));
  const absent = regs.filter((r) => !r.attempt).length;
  await db.$transaction(async (tx) => {
    const changed = await tx.room.updateMany({
      where: { id: room.id, status: "open", pausedAt: null },
      data: { status: "closed", closedAt: now },
    });
    if (changed.count !== 1) httpError(409, "考场状态已被其他监考员改变，请刷新页面。");
    // A candidate signing in between the check and this write would be refused by the closed room.
    await writeAudit(tx, {
      action: "room.close",
      actor,
      ip: actor.ip,
      centerId: room.sitting.centerId,
      target: room.id,
      at: now,
      detail: { absent, byHand: true },
    });
  });
  return { absent };
}

export async function recordIncident(
  room: Room & { sitting: Sitting },
  input: { note: string; registrationId: string | null },
  actor: AuditActor,
  now: Date,
) {
  if (input.registrationId) {
    const reg = await db.registration.findUnique({ where: { id: input.registrationId } });
    if (!reg || reg.roomId !== room.id) httpError(404, "该考生不在本考场。");
  }
  await db.$transaction(async (tx) => {
    await tx.incident.create({
      data: { roomId: room.id, registrationId: input.registrationId, note: input.note, byUserId: actor.id, at: now },
    });
    await writeAudit(tx, {
      action: "room.incident",
      actor,
      ip: actor.ip,
      centerId: room.sitting.centerId,
      target: room.id,
      at: now,
      detail: { note: input.note },
    });
  });
}

/** The rooms a proctor is assigned to, each brought up to date. */
export async function proctorRooms(userId: string, now: Date) {
  const assigned = await db.room.findMany({ where: { proctors: { some: { userId } }, status: "open" }, select: { id: true } });
  for (const r of assigned) await settleRoom(r.id, now);
  const rooms = await db.room.findMany({
    where: { proctors: { some: { userId } } },
    include: { sitting: true, _count: { select: { registrations: true } } },
    orderBy: { sitting: { startsAt: "desc" } },
  });
  return rooms.map((r) => ({
    id: r.id,
    name: r.name,
    sitting: r.sitting.title,
    level: LEVEL_LABELS[r.sitting.level as Level],
    startsAt: formatDateTime(r.sitting.startsAt),
    candidates: r._count.registrations,
    status: ROOM_STATE_LABELS[roomState(r)],
  }));
}

/** The proctor's live view of a room: clock, staffing, roster, incidents. */
export async function proctorRoomView(roomId: string, now: Date) {
  await settleRoom(roomId, now);
  const room = await db.room.findUniqueOrThrow({ where: { id: roomId }, include: { sitting: true } });
  const [staffing, regs, incidents] = await Promise.all([
    roomStaffing(room.id),
    db.registration.findMany({
      where: { roomId: room.id },
      orderBy: { seat: "asc" },
      include: { person: true, attempt: { include: { _count: { select: { answers: true } }, extraTimes: true } } },
    }),
    db.incident.findMany({ where: { roomId: room.id }, orderBy: { at: "desc" } }),
  ]);
  const state = roomState(room);
  const base = clockState(roomClock(room, room.sitting.durationMinutes, 0), now);
  const late = lateOpening(room.sitting.startsAt, now);
  return {
    openingPlan: state === "waiting" ? await openingPlan(room.sittingId) : null,
    room: {
      id: room.id,
      name: room.name,
      state,
      stateLabel: ROOM_STATE_LABELS[state],
      startCode: room.startCode,
      sitting: room.sitting.title,
      level: LEVEL_LABELS[room.sitting.level as Level],
      duration: room.sitting.durationMinutes,
      startsAt: formatDateTime(room.sitting.startsAt),
      openedAt: room.openedAt ? formatDateTime(room.openedAt) : null,
      closedAt: room.closedAt ? formatDateTime(room.closedAt) : null,
      lateOpenNote: room.lateOpenNote,
      deadline: "deadline" in base ? formatTime(base.deadline) : null,
      hasPaper: !!room.sitting.paperId,
      // A waiting room past its start: the page asks for the confirmation the server requires.
      minutesLate: state === "waiting" && late.late ? late.minutesLate : null,
    },
    staffing,
    roster: regs.map((r) => {
      const a = r.attempt;
      const own = a ? clockState(roomClock(room, room.sitting.durationMinutes, a.extraMinutes, a.queuedMs), now) : null;
      return {
        id: r.id,
        seat: r.seat,
        ticket: r.ticketNumber,
        name: r.person.name,
        status: attemptLabel(a),
        answered: a?._count.answers ?? 0,
        extra: a?.extraMinutes ?? 0,
        deadline: own && "deadline" in own ? formatTime(own.deadline) : null,
      };
    }),
    incidents: incidents.map((i) => ({
      id: i.id,
      at: formatDateTime(i.at),
      note: i.note,
      ticket: regs.find((r) => r.id === i.registrationId)?.ticketNumber ?? null,
    })),
  };
}

/**
 * 考场错峰开考建议: the sitting's rooms in opening waves, from the start rate this machine was
 * measured to serve (capacityConfig), so that no candidate waits in the start queue for long.
 */
export async function openingPlan(sittingId: string) {
  const rooms = await db.room.findMany({
    where: { sittingId },
    orderBy: { name: "asc" },
    select: { id: true, name: true, _count: { select: { registrations: true } } },
  });
  return openingPlanOf(rooms.map((r) => ({ id: r.id, name: r.name, candidates: r._count.registrations })));
}

function openingPlanOf(rooms: StaggerRoom[]) {
  const capacity = capacityConfig();
  const total = rooms.reduce((n, r) => n + r.candidates, 0);
  return {
    perSecond: capacity.perSecond,
    source: capacity.source,
    total,
    allAtOnceWaitSeconds: allAtOnceWaitSeconds(total, capacity.perSecond),
    waves: staggeredOpening(rooms, capacity.perSecond),
  };
}

// ---- candidates ----

export async function myRegistrations(personId: string) {
  return db.registration.findMany({
    where: { personId },
    include: { sitting: true, room: true, group: true, attempt: true, skillResult: true },
    orderBy: { sitting: { startsAt: "desc" } },
  });
}

// ---- skill sittings: paper, registration into examiner groups, scoring, publication ----

type SkillSittingRow = {
  id: string;
  centerId: string;
  level: string;
  seed: number;
  status: string;
  paperId: string | null;
  startsAt: Date;
  createdAt: Date;
};

/** Builds the sitting's skill paper from the current skill bank (a new paper each time, while the sitting is set up). */
export async function assembleSkillSittingPaper(sitting: SkillSittingRow, actor: AuditActor) {
  enforce(canEditSitting(sittingState(sitting)));
  const bank = await currentSkillBank(db);
  if (!bank) httpError(409, "尚未导入技能题库。");
  const r = assembleSkillPaper(bank.tasks, sitting.level as Level, sitting.seed, bank.version);
  if (!r.ok) httpError(409, r.message);
  const ids = new Set(r.paper.sections.flatMap((s) => s.items.map((i) => i.id)));
  const snapshot = bank.tasks.filter((t) => ids.has(t.id));
  await db.$transaction(async (tx) => {
    const paper = await tx.paper.create({
      data: {
        level: sitting.level,
        kind: "skill",
        seed: sitting.seed,
        bankVersion: bank.version,
        content: JSON.stringify(r.paper),
        items: JSON.stringify(snapshot),
      },
    });
    await tx.sitting.update({ where: { id: sitting.id }, data: { paperId: paper.id } });
    await writeAudit(tx, {
      actor,
      ip: actor.ip,
      action: "sitting.assemble",
      target: sitting.id,
      detail: { seed: sitting.seed, kind: "skill" },
    });
  });
}

/**
 * Registers people of the sitting's center who meet the conditions into one examiner group: seats
 * after the group's last, ticket numbers like theory rooms (the group's position is the room
 * number), 新考/补考 and the condition met recorded. One transaction; a concurrent clash is a 409.
 */
export async function registerIntoGroup(sitting: SkillSittingRow, groupId: string, personIds: string[], actor: AuditActor, now: Date) {
  enforce(canEditSitting(sittingState(sitting)));
  const { refusal, met } = await registrationEligibility(sitting.centerId, personIds, sitting.level as Level, now);
  if (refusal) httpError(400, refusal);
  const [center, groups] = await Promise.all([
    db.center.findUniqueOrThrow({ where: { id: sitting.centerId } }),
    db.examinerGroup.findMany({ where: { sittingId: sitting.id }, orderBy: { name: "asc" }, include: { registrations: true } }),
  ]);
  const gi = groups.findIndex((g) => g.id === groupId);
  if (gi < 0) httpError(404, "未找到该考评组。");
  const dayNo = await sittingOfDay(sitting);
  const retakes = new Map(await Promise.all(personIds.map(async (id) => [id, await isRetake(id, sitting.level, "skill")] as const)));
  let seat = groups[gi].registrations.reduce((m, r) => Math.max(m, r.seat), 0);
  const rows = personIds.map((personId) => {
    seat++;
    return {
      sittingId: sitting.id,
      groupId,
      personId,
      seat,
      retake: retakes.get(personId) ?? false,
      eligibility: met.get(personId) ?? null,
      ticketNumber: ticketNumber(center.code, sitting.startsAt, dayNo, gi + 1, seat),
    };
  });
  await orConflict(
    () =>
      db.$transaction(async (tx) => {
        for (const data of rows) await tx.registration.create({ data });
        await writeAudit(tx, {
          actor,
          ip: actor.ip,
          action: "sitting.register",
          target: sitting.id,
          detail: { registered: rows.length, groupId },
        });
      }),
    "报名时准考证号与他人同时操作冲突，请刷新后重试。",
  );
  return rows.length;
}

/** scheduled → scoring, after skill scoring has checked its groups (examiners, chief, candidates). */
export async function startSkillScoring(sitting: SkillSittingRow, actor: AuditActor) {
  enforce(canStartScoring({ kind: "skill", state: sittingState(sitting), missingExaminers: 0 }));
  await db.$transaction(async (tx) => {
    const changed = await tx.sitting.updateMany({ where: { id: sitting.id, status: "scheduled" }, data: { status: "scoring" } });
    if (changed.count !== 1) httpError(409, "评分已开始。");
    await writeAudit(tx, { actor, ip: actor.ip, action: "sitting.start_scoring", target: sitting.id });
  });
}

/**
 * scoring → published. `settle` runs inside the same transaction (skill scoring stores the results
 * there) and reports how many tasks are unsettled; any left refuses the publication and nothing is stored.
 */
export async function publishSkillResults(
  sitting: SkillSittingRow,
  actor: AuditActor,
  now: Date,
  settle: (tx: Prisma.TransactionClient) => Promise<{ unsettled: number; detail?: Record<string, unknown> }>,
) {
  enforce(canPublish({ kind: "skill", state: sittingState(sitting), rooms: [] }));
  const publicity = await publicityOf(sitting.centerId, now);
  await db.$transaction(async (tx) => {
    const { unsettled, detail } = await settle(tx);
    enforce(canPublish({ kind: "skill", state: "scoring", rooms: [], unsettledCandidates: unsettled }));
    const changed = await tx.sitting.updateMany({
      where: { id: sitting.id, status: "scoring" },
      data: { status: "published", publishedAt: now, publicityEndsAt: publicity.endsAt },
    });
    if (changed.count !== 1) httpError(409, "成绩已发布。");
    await writeAudit(tx, {
      actor,
      ip: actor.ip,
      action: "sitting.publish",
      target: sitting.id,
      detail: { ...detail, publicityLastDay: publicity.lastDay },
      at: now,
    });
  });
  return publicity;
}
