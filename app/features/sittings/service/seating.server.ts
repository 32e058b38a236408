// 排座 and 准考证: seat assignment for a theory sitting, the admin's moves and swaps, the sitting's
// address, and what the print pages (admission tickets, seating chart, sign-in sheet) show.
// Registration gives each candidate a provisional place (first free seat, room order); 排座
// reassigns every room, seat and ticket number from a recorded seed. Nothing moves once a room
// of the sitting has opened: the ticket number is what the candidate signs in with.
import { randomInt } from "node:crypto";
import QRCode from "qrcode";
import { maskIdNumber } from "~/domain/id-number";
import { LEVEL_LABELS, type Level } from "~/domain/levels";
import { assignSeats, canMoveTo, canReseat } from "~/domain/seating";
import { roomHasStarted, roomState, sittingIsEditable, sittingState } from "~/domain/sitting-lifecycle";
import { formatDate, formatDateTime, formatTime } from "~/domain/time";
import type { Prisma } from "~/generated/prisma/client";
import { type AuditActor, writeAudit } from "~/platform/audit.server";
import { db } from "~/platform/db.server";
import { httpError, orConflict } from "~/platform/http.server";
import { sittingOfDay, ticketNumber } from "../service.server";

type SittingRow = { id: string; centerId: string; kind: string; status: string; startsAt: Date; createdAt: Date };
type Tx = Prisma.TransactionClient;

const SEAT_CONFLICT = "座位已被他人同时调整，请刷新页面后重试。";

function refuseUnless(r: { ok: true } | { ok: false; status: 400 | 409; reason: string }): void {
  if (!r.ok) httpError(r.status, r.reason);
}

async function roomsOf(sittingId: string) {
  return db.room.findMany({
    where: { sittingId },
    orderBy: { name: "asc" },
    include: { registrations: { include: { person: { include: { department: true } } }, orderBy: { seat: "asc" } } },
  });
}

function reseatRefusal(sitting: SittingRow, rooms: { name: string; status: string; pausedAt: Date | null }[]) {
  if (sitting.kind !== "theory") return { ok: false as const, status: 409 as const, reason: "技能考核按考评组安排考生，不排考场座位。" };
  return canReseat({
    editable: sittingIsEditable(sittingState(sitting)),
    startedRooms: rooms.filter((r) => roomHasStarted(roomState(r))).map((r) => r.name),
  });
}

/**
 * Holds the rooms for the rest of the transaction and checks none has opened meanwhile: the
 * no-op update takes each room's row lock on PostgreSQL, so an opening waits for this write (and
 * then finds the new tickets) or, if it came first, leaves fewer waiting rooms and this write refuses.
 */
async function holdWaitingRooms(tx: Tx, roomIds: string[]) {
  const held = await tx.room.updateMany({ where: { id: { in: roomIds }, status: "waiting" }, data: { status: "waiting" } });
  if (held.count !== new Set(roomIds).size) httpError(409, "有考场已开考，座位和准考证号不能再调整。");
}

/** The sitting's seating as the sitting page shows it. */
export async function seatingView(sitting: SittingRow & { address: string | null; seatingSeed: number | null; seatedAt: Date | null }) {
  const rooms = await roomsOf(sitting.id);
  const can = reseatRefusal(sitting, rooms);
  return {
    address: sitting.address ?? "",
    seed: sitting.seatingSeed,
    seatedAt: sitting.seatedAt ? formatDateTime(sitting.seatedAt) : null,
    refusal: can.ok ? null : can.reason,
    rooms: rooms.map((r) => ({
      id: r.id,
      name: r.name,
      capacity: r.capacity,
      candidates: r.registrations.map((g) => ({
        id: g.id,
        seat: g.seat,
        ticket: g.ticketNumber,
        name: g.person.name,
        department: g.person.department?.name ?? "",
      })),
    })),
  };
}

/**
 * 排座: every candidate of the sitting gets a room, a seat and the ticket number of that place,
 * drawn from a seed (the CSPRNG's unless given, e.g. to reproduce a draw); the seed is recorded.
 */
export async function assignSittingSeats(sitting: SittingRow, actor: AuditActor, now: Date, seed = randomInt(1, 1_000_000_000)) {
  const rooms = await roomsOf(sitting.id);
  refuseUnless(reseatRefusal(sitting, rooms));
  const regs = rooms.flatMap((r) => r.registrations);
  if (regs.length === 0) httpError(409, "本场考试还没有报名的考生，无需排座。");
  const drawn = assignSeats(
    rooms.map((r) => ({ id: r.id, capacity: r.capacity })),
    regs.map((g) => ({ id: g.id, department: g.person.departmentId })),
    seed,
  );
  if (!drawn.ok) httpError(409, drawn.reason);
  const center = await db.center.findUniqueOrThrow({ where: { id: sitting.centerId } });
  const dayNo = await sittingOfDay(sitting);
  const roomNo = new Map(rooms.map((r, i) => [r.id, i + 1]));
  const before = new Map(regs.map((g) => [g.id, g]));
  await orConflict(
    () =>
      db.$transaction(async (tx) => {
        await holdWaitingRooms(
          tx,
          rooms.map((r) => r.id),
        );
        // Every registration read must still be where it was: a concurrent move or 排座 loses.
        const counted = await tx.registration.count({ where: { sittingId: sitting.id, roomId: { not: null } } });
        if (counted !== regs.length) httpError(409, SEAT_CONFLICT);
        // Two passes because seats and tickets are unique: park everyone, then seat them.
        for (const [i, g] of regs.entries()) {
          const parked = await tx.registration.updateMany({
            where: { id: g.id, roomId: g.roomId, seat: g.seat, ticketNumber: g.ticketNumber },
            data: { seat: -(i + 1), ticketNumber: `~${g.id}` },
          });
          if (parked.count !== 1) httpError(409, SEAT_CONFLICT);
        }
        for (const p of drawn.placements) {
          await tx.registration.update({
            where: { id: p.candidateId },
            data: {
              roomId: p.roomId,
              seat: p.seat,
              ticketNumber: ticketNumber(center.code, sitting.startsAt, dayNo, roomNo.get(p.roomId)!, p.seat),
            },
          });
        }
        await tx.sitting.update({ where: { id: sitting.id }, data: { seatingSeed: seed, seatedAt: now } });
        const movedRooms = drawn.placements.filter((p) => before.get(p.candidateId)?.roomId !== p.roomId).length;
        await writeAudit(tx, {
          action: "sitting.assign_seats",
          actor,
          ip: actor.ip,
          centerId: sitting.centerId,
          target: sitting.id,
          at: now,
          detail: { seed, candidates: regs.length, rooms: rooms.length, changedRoom: movedRooms },
        });
      }),
    SEAT_CONFLICT,
  );
  return { seed, candidates: regs.length };
}

async function registrationOf(sitting: SittingRow, registrationId: string) {
  const reg = await db.registration.findUnique({ where: { id: registrationId }, include: { person: true } });
  if (!reg || reg.sittingId !== sitting.id || !reg.roomId) httpError(404, "未找到该考生的报名记录。");
  return reg as typeof reg & { roomId: string };
}

/** Moves one candidate to a free seat of a room of the sitting (their own room or another with a free place). */
export async function moveCandidate(
  sitting: SittingRow,
  input: { registrationId: string; roomId: string; seat: number },
  actor: AuditActor,
) {
  const rooms = await roomsOf(sitting.id);
  refuseUnless(reseatRefusal(sitting, rooms));
  const reg = await registrationOf(sitting, input.registrationId);
  const target = rooms.find((r) => r.id === input.roomId);
  if (!target) httpError(404, "未找到该考场。");
  if (reg.roomId === target.id && reg.seat === input.seat) httpError(409, `${reg.person.name}已在${target.name}第 ${input.seat} 座。`);
  const others = new Map(target.registrations.filter((g) => g.id !== reg.id).map((g) => [g.seat, g.person.name]));
  refuseUnless(
    canMoveTo({ roomName: target.name, capacity: target.capacity, seat: input.seat, takenBy: others, sameRoom: reg.roomId === target.id }),
  );
  const center = await db.center.findUniqueOrThrow({ where: { id: sitting.centerId } });
  const dayNo = await sittingOfDay(sitting);
  const roomNo = rooms.findIndex((r) => r.id === target.id) + 1;
  const ticket = ticketNumber(center.code, sitting.startsAt, dayNo, roomNo, input.seat);
  const from = rooms.find((r) => r.id === reg.roomId)!;
  await orConflict(
    () =>
      db.$transaction(async (tx) => {
        await holdWaitingRooms(tx, [reg.roomId, target.id]);
        // Re-counted under the room's lock: two moves into the last free place cannot both land.
        if (reg.roomId !== target.id) {
          const inRoom = await tx.registration.count({ where: { roomId: target.id } });
          if (inRoom >= target.capacity) httpError(409, `${target.name}已满（${target.capacity} 座），不能再调入考生。`);
        }
        const moved = await tx.registration.updateMany({
          where: { id: reg.id, roomId: reg.roomId, seat: reg.seat },
          data: { roomId: target.id, seat: input.seat, ticketNumber: ticket },
        });
        if (moved.count !== 1) httpError(409, SEAT_CONFLICT);
        await writeAudit(tx, {
          action: "registration.move_seat",
          actor,
          ip: actor.ip,
          centerId: sitting.centerId,
          target: reg.id,
          detail: { name: reg.person.name, from: `${from.name} 第${reg.seat}座`, to: `${target.name} 第${input.seat}座`, ticket },
        });
      }),
    `${target.name}第 ${input.seat} 座已被他人同时占用，请刷新页面后重试。`,
  );
  return { name: reg.person.name, room: target.name, seat: input.seat, ticket };
}

/** Swaps the places (room, seat and ticket number) of two candidates of the sitting. */
export async function swapCandidates(
  sitting: SittingRow,
  input: { registrationId: string; otherRegistrationId: string },
  actor: AuditActor,
) {
  const rooms = await roomsOf(sitting.id);
  refuseUnless(reseatRefusal(sitting, rooms));
  if (input.registrationId === input.otherRegistrationId) httpError(400, "请选择两名不同的考生进行互换。");
  const a = await registrationOf(sitting, input.registrationId);
  const b = await registrationOf(sitting, input.otherRegistrationId);
  const roomName = new Map(rooms.map((r) => [r.id, r.name]));
  await orConflict(
    () =>
      db.$transaction(async (tx) => {
        await holdWaitingRooms(tx, [a.roomId, b.roomId]);
        const park = await tx.registration.updateMany({
          where: { id: a.id, roomId: a.roomId, seat: a.seat, ticketNumber: a.ticketNumber },
          data: { seat: -1, ticketNumber: `~${a.id}` },
        });
        const second = await tx.registration.updateMany({
          where: { id: b.id, roomId: b.roomId, seat: b.seat, ticketNumber: b.ticketNumber },
          data: { roomId: a.roomId, seat: a.seat, ticketNumber: a.ticketNumber },
        });
        if (park.count !== 1 || second.count !== 1) httpError(409, SEAT_CONFLICT);
        await tx.registration.update({ where: { id: a.id }, data: { roomId: b.roomId, seat: b.seat, ticketNumber: b.ticketNumber } });
        await writeAudit(tx, {
          action: "registration.swap_seats",
          actor,
          ip: actor.ip,
          centerId: sitting.centerId,
          target: sitting.id,
          detail: {
            [a.person.name]: `${roomName.get(b.roomId)} 第${b.seat}座`,
            [b.person.name]: `${roomName.get(a.roomId)} 第${a.seat}座`,
          },
        });
      }),
    SEAT_CONFLICT,
  );
  return { a: a.person.name, b: b.person.name };
}

/** The address candidates go to, printed on every 准考证. */
export async function setSittingAddress(sitting: SittingRow & { address: string | null }, address: string, actor: AuditActor) {
  if (!sittingIsEditable(sittingState(sitting))) httpError(409, "成绩已发布或已进入评分，场次不能再修改。");
  await db.$transaction(async (tx) => {
    await tx.sitting.update({ where: { id: sitting.id }, data: { address } });
    await writeAudit(tx, {
      action: "sitting.set_address",
      actor,
      ip: actor.ip,
      centerId: sitting.centerId,
      target: sitting.id,
      detail: { from: sitting.address, to: address },
    });
  });
}

// ---- print pages ----

const ticketInclude = {
  person: true,
  room: true,
  group: true,
  sitting: { include: { center: true } },
} satisfies Prisma.RegistrationInclude;
type TicketRow = Prisma.RegistrationGetPayload<{ include: typeof ticketInclude }>;

/** What one 准考证 prints (the QR is added by the route, from the ticket number). */
function ticketOf(r: TicketRow) {
  const s = r.sitting;
  const ends = new Date(s.startsAt.getTime() + s.durationMinutes * 60_000);
  return {
    id: r.id,
    ticket: r.ticketNumber,
    name: r.person.name,
    idNumber: maskIdNumber(r.person.idNumber),
    title: s.title,
    level: LEVEL_LABELS[s.level as Level],
    part: s.kind === "skill" ? "技能考核" : "理论知识考试",
    kind: s.kind as "theory" | "skill",
    room: r.room?.name ?? r.group?.name ?? "",
    seat: r.seat,
    date: formatDate(s.startsAt),
    time: `${formatTime(s.startsAt)}–${formatTime(ends)}`,
    duration: s.durationMinutes,
    address: s.address ?? "",
    center: s.center.name,
  };
}

/** The tickets with the QR code of each ticket number (an SVG, so it prints sharp). */
async function withQr(tickets: ReturnType<typeof ticketOf>[]) {
  return Promise.all(
    tickets.map(async (t) => ({ ...t, qr: await QRCode.toString(t.ticket, { type: "svg", margin: 1, errorCorrectionLevel: "M" }) })),
  );
}

/** A candidate's own ticket; anyone else's is a 404 (the same answer as an unknown one). */
export async function ownAdmissionTicket(personId: string | null, registrationId: string) {
  const r = await db.registration.findUnique({ where: { id: registrationId }, include: ticketInclude });
  if (!r || !personId || r.personId !== personId) httpError(404, "未找到该准考证。");
  return (await withQr([ticketOf(r)]))[0];
}

/** Every ticket of a sitting, room by room and seat by seat. */
export async function sittingAdmissionTickets(sittingId: string) {
  const regs = await db.registration.findMany({ where: { sittingId }, include: ticketInclude });
  return withQr(regs.map(ticketOf).sort((a, b) => (a.room < b.room ? -1 : a.room > b.room ? 1 : a.seat - b.seat)));
}

/** A room's candidates by seat, for the seating chart and the sign-in sheet. */
export async function roomSheet(roomId: string) {
  const room = await db.room.findUniqueOrThrow({
    where: { id: roomId },
    include: { sitting: true, registrations: { include: { person: true }, orderBy: { seat: "asc" } } },
  });
  const s = room.sitting;
  const ends = new Date(s.startsAt.getTime() + s.durationMinutes * 60_000);
  return {
    room: { id: room.id, name: room.name, capacity: room.capacity },
    sitting: {
      id: s.id,
      title: s.title,
      level: LEVEL_LABELS[s.level as Level],
      date: formatDate(s.startsAt),
      time: `${formatTime(s.startsAt)}–${formatTime(ends)}`,
      address: s.address ?? "",
    },
    candidates: room.registrations.map((g) => ({
      seat: g.seat,
      ticket: g.ticketNumber,
      name: g.person.name,
      idNumber: maskIdNumber(g.person.idNumber),
    })),
  };
}
