// 排座, moves and swaps, the address and the ticket views against a real SQLite file: each refusal
// of the issue (unknown registration, another center's, a full room, a taken seat, after opening)
// answers with its Chinese 4xx and leaves every seat and ticket as it was.
import { describe, expect, it } from "vitest";
import { idNumberCheckChar, maskIdNumber } from "~/domain/id-number";
import { addRoom, registerCandidates, ticketNumber } from "~/features/sittings/service.server";
import {
  assignSittingSeats,
  moveCandidate,
  ownAdmissionTicket,
  roomSheet,
  setSittingAddress,
  sittingAdmissionTickets,
  swapCandidates,
} from "~/features/sittings/service/seating.server";
import { db } from "~/platform/db.server";
import { refusal, user } from "../support/service-helpers";

let n = 0;
async function person(centerId: string, name: string, departmentId: string | null) {
  n++;
  const base = `31010719850101${String(n).padStart(3, "0")}`;
  return db.person.create({ data: { centerId, name, departmentId, idNumber: base + idNumberCheckChar(base), phone: "13800000000" } });
}

const sittingOf = (id: string) => db.sitting.findUniqueOrThrow({ where: { id } });
const places = async (sittingId: string) =>
  (await db.registration.findMany({ where: { sittingId }, orderBy: { id: "asc" } })).map((r) => ({
    id: r.id,
    roomId: r.roomId,
    seat: r.seat,
    ticket: r.ticketNumber,
  }));

/** A center with two departments, a sitting with rooms of the given capacities, and `spec` candidates per department. */
async function setup(code: string, capacities: number[], spec: [number, number]) {
  const center = await db.center.create({ data: { name: `排座测试${code}`, kind: "district", code } });
  const admin = await user(center.id, `${code}-admin`, "center_admin");
  const depts = await Promise.all(["综合窗口", "税务窗口"].map((name) => db.department.create({ data: { centerId: center.id, name } })));
  const sitting = await db.sitting.create({
    data: {
      centerId: center.id,
      kind: "theory",
      level: "L5",
      title: `排座场次${code}`,
      startsAt: new Date("2026-12-20T01:30:00Z"),
      durationMinutes: 90,
      seed: 1,
      createdById: admin.id,
    },
  });
  for (const [i, capacity] of capacities.entries()) await addRoom(await sittingOf(sitting.id), { name: `第${i + 1}考场`, capacity }, admin);
  const rooms = await db.room.findMany({ where: { sittingId: sitting.id }, orderBy: { name: "asc" } });
  const people = [];
  for (const [d, count] of spec.entries())
    for (let i = 0; i < count; i++) people.push(await person(center.id, `${code}${d}${i}`, depts[d].id));
  await registerCandidates(
    sitting.id,
    people.map((p) => p.id),
  );
  return { center, admin, sitting: await sittingOf(sitting.id), rooms, people, depts };
}

describe("排座 (service)", () => {
  it("reassigns every room, seat and ticket from a recorded seed, spreading departments, and reproduces it", async () => {
    const s = await setup("STA", [4, 4], [4, 4]);
    // Registration placed them in room order: the first department filled room 1.
    const before = await db.registration.findMany({ where: { sittingId: s.sitting.id }, include: { person: true } });
    expect(before.filter((r) => r.roomId === s.rooms[0].id).every((r) => r.person.departmentId === s.depts[0].id)).toBe(true);

    const r = await assignSittingSeats(s.sitting, s.admin, new Date("2026-12-10T02:00:00Z"), 2024);
    expect(r).toEqual({ seed: 2024, candidates: 8 });
    const after = await db.registration.findMany({ where: { sittingId: s.sitting.id }, include: { person: true } });
    for (const room of s.rooms) {
      const inRoom = after.filter((g) => g.roomId === room.id);
      expect(inRoom).toHaveLength(4);
      expect(inRoom.filter((g) => g.person.departmentId === s.depts[0].id)).toHaveLength(2);
      expect(inRoom.map((g) => g.seat).sort()).toEqual([1, 2, 3, 4]);
      // Neighbours differ: with 2 + 2 per room the order alternates.
      const order = [...inRoom].sort((a, b) => a.seat - b.seat).map((g) => g.person.departmentId);
      for (let i = 1; i < order.length; i++) expect(order[i]).not.toBe(order[i - 1]);
    }
    for (const g of after) {
      const roomNo = s.rooms.findIndex((x) => x.id === g.roomId) + 1;
      expect(g.ticketNumber).toBe(ticketNumber("STA", s.sitting.startsAt, 1, roomNo, g.seat));
    }
    const stored = await sittingOf(s.sitting.id);
    expect(stored.seatingSeed).toBe(2024);
    expect(stored.seatedAt?.toISOString()).toBe("2026-12-10T02:00:00.000Z");
    const log = await db.auditLog.findFirstOrThrow({ where: { action: "sitting.assign_seats", target: s.sitting.id } });
    expect(JSON.parse(log.detail!)).toMatchObject({ seed: 2024, candidates: 8, rooms: 2 });

    // The same seed again gives the same places (the recorded seed explains every ticket).
    const first = await places(s.sitting.id);
    await assignSittingSeats(stored, s.admin, new Date(), 2024);
    expect(await places(s.sitting.id)).toEqual(first);
    // Without a seed one is drawn and recorded.
    const drawn = await assignSittingSeats(await sittingOf(s.sitting.id), s.admin, new Date());
    expect((await sittingOf(s.sitting.id)).seatingSeed).toBe(drawn.seed);
  });

  it("refuses once a room has opened, and after publication, changing nothing", async () => {
    const s = await setup("STB", [3, 3], [2, 2]);
    await db.room.update({ where: { id: s.rooms[1].id }, data: { status: "open", openedAt: new Date() } });
    const before = await places(s.sitting.id);
    expect(await refusal(assignSittingSeats(s.sitting, s.admin, new Date(), 5))).toMatchObject({
      status: 409,
      message: "第2考场已开考，座位和准考证号不能再调整。",
    });
    const [a, b] = await db.registration.findMany({ where: { sittingId: s.sitting.id }, orderBy: { seat: "asc" } });
    expect(await refusal(moveCandidate(s.sitting, { registrationId: a.id, roomId: s.rooms[0].id, seat: 3 }, s.admin))).toMatchObject({
      status: 409,
      message: "第2考场已开考，座位和准考证号不能再调整。",
    });
    expect(await refusal(swapCandidates(s.sitting, { registrationId: a.id, otherRegistrationId: b.id }, s.admin))).toMatchObject({
      status: 409,
    });
    expect(await places(s.sitting.id)).toEqual(before);
    expect(
      await db.auditLog.count({
        where: { action: { in: ["sitting.assign_seats", "registration.move_seat", "registration.swap_seats"] }, centerId: s.center.id },
      }),
    ).toBe(0);

    await db.sitting.update({ where: { id: s.sitting.id }, data: { status: "published" } });
    expect(await refusal(setSittingAddress(await sittingOf(s.sitting.id), "示范路1号", s.admin))).toMatchObject({ status: 409 });
  });

  it("refuses with no candidates and for a skill sitting", async () => {
    const s = await setup("STC", [3], [0, 0]);
    expect(await refusal(assignSittingSeats(s.sitting, s.admin, new Date(), 5))).toMatchObject({
      status: 409,
      message: "本场考试还没有报名的考生，无需排座。",
    });
    const skill = await db.sitting.update({ where: { id: s.sitting.id }, data: { kind: "skill" } });
    expect(await refusal(assignSittingSeats(skill, s.admin, new Date(), 5))).toMatchObject({
      status: 409,
      message: "技能考核按考评组安排考生，不排考场座位。",
    });
  });
});

describe("调座 (service)", () => {
  it("moves a candidate to a free seat of another room with a new ticket, and new registrations fill the gap", async () => {
    const s = await setup("STD", [3, 3], [2, 1]);
    const regs = await db.registration.findMany({
      where: { sittingId: s.sitting.id },
      orderBy: { seat: "asc" },
      include: { person: true },
    });
    const r = await moveCandidate(s.sitting, { registrationId: regs[0].id, roomId: s.rooms[1].id, seat: 3 }, s.admin);
    expect(r).toEqual({ name: regs[0].person.name, room: "第2考场", seat: 3, ticket: ticketNumber("STD", s.sitting.startsAt, 1, 2, 3) });
    const moved = await db.registration.findUniqueOrThrow({ where: { id: regs[0].id } });
    expect(moved).toMatchObject({ roomId: s.rooms[1].id, seat: 3, ticketNumber: "STD261220010203" });
    const log = await db.auditLog.findFirstOrThrow({ where: { action: "registration.move_seat", target: regs[0].id } });
    expect(JSON.parse(log.detail!)).toMatchObject({ from: "第1考场 第1座", to: "第2考场 第3座" });
    // Seat 1 of room 1 is free again: the next registration takes it.
    const late = await person(s.center.id, "迟报名", null);
    await registerCandidates(s.sitting.id, [late.id]);
    expect(await db.registration.findFirstOrThrow({ where: { personId: late.id } })).toMatchObject({ roomId: s.rooms[0].id, seat: 1 });
  });

  it("refuses a taken seat, a full room, a seat outside the room, an unknown or another center's registration", async () => {
    const s = await setup("STE", [3, 2], [3, 2]);
    const other = await setup("STF", [3], [1, 0]);
    const before = await places(s.sitting.id);
    const regs = await db.registration.findMany({
      where: { sittingId: s.sitting.id },
      orderBy: [{ roomId: "asc" }, { seat: "asc" }],
      include: { person: true },
    });
    const inRoom1 = regs.filter((g) => g.roomId === s.rooms[0].id);
    const inRoom2 = regs.filter((g) => g.roomId === s.rooms[1].id);
    const holder = inRoom1.find((g) => g.seat === 2)!;
    expect(await refusal(moveCandidate(s.sitting, { registrationId: inRoom1[0].id, roomId: s.rooms[0].id, seat: 2 }, s.admin))).toEqual({
      status: 409,
      message: `第1考场第 2 座已有考生（${holder.person.name}），请换一个座位或改用“互换座位”。`,
    });
    expect(
      await refusal(moveCandidate(s.sitting, { registrationId: inRoom1[0].id, roomId: s.rooms[1].id, seat: 1 }, s.admin)),
    ).toMatchObject({
      status: 409,
    });
    // Room 2 holds 2 of 2: even its free seat numbers are out of range, and nobody can come in.
    expect(await refusal(moveCandidate(s.sitting, { registrationId: inRoom1[0].id, roomId: s.rooms[1].id, seat: 3 }, s.admin))).toEqual({
      status: 400,
      message: "第2考场只有第 1–2 座，没有第 3 座。",
    });
    await db.room.update({ where: { id: s.rooms[1].id }, data: { capacity: 3 } });
    await db.registration.update({ where: { id: inRoom2[0].id }, data: { seat: 3, ticketNumber: "STE-X" } });
    await db.room.update({ where: { id: s.rooms[1].id }, data: { capacity: 2 } });
    const snapshot = await places(s.sitting.id);
    expect(
      await refusal(moveCandidate(s.sitting, { registrationId: inRoom1[0].id, roomId: s.rooms[1].id, seat: 1 }, s.admin)),
    ).toMatchObject({
      status: 409,
      message: "第2考场已满（2 座），不能再调入考生。",
    });
    expect(await places(s.sitting.id)).toEqual(snapshot);
    await db.registration.update({ where: { id: inRoom2[0].id }, data: { seat: inRoom2[0].seat, ticketNumber: inRoom2[0].ticketNumber } });
    expect(await places(s.sitting.id)).toEqual(before);

    expect(await refusal(moveCandidate(s.sitting, { registrationId: "nope", roomId: s.rooms[0].id, seat: 3 }, s.admin))).toEqual({
      status: 404,
      message: "未找到该考生的报名记录。",
    });
    const foreign = await db.registration.findFirstOrThrow({ where: { sittingId: other.sitting.id } });
    expect(await refusal(moveCandidate(s.sitting, { registrationId: foreign.id, roomId: s.rooms[0].id, seat: 3 }, s.admin))).toMatchObject({
      status: 404,
    });
    expect(await refusal(moveCandidate(s.sitting, { registrationId: inRoom1[0].id, roomId: other.rooms[0].id, seat: 3 }, s.admin))).toEqual(
      {
        status: 404,
        message: "未找到该考场。",
      },
    );
    expect(
      await refusal(swapCandidates(s.sitting, { registrationId: inRoom1[0].id, otherRegistrationId: foreign.id }, s.admin)),
    ).toMatchObject({
      status: 404,
    });
    expect(
      await refusal(swapCandidates(s.sitting, { registrationId: inRoom1[0].id, otherRegistrationId: inRoom1[0].id }, s.admin)),
    ).toEqual({
      status: 400,
      message: "请选择两名不同的考生进行互换。",
    });
    expect(await places(s.sitting.id)).toEqual(before);
    expect(await places(other.sitting.id)).toHaveLength(1);
    expect(await db.auditLog.count({ where: { action: { startsWith: "registration." }, centerId: s.center.id } })).toBe(0);
  });

  it("lets only one of two simultaneous moves take the last free place", async () => {
    const s = await setup("STG", [3, 3], [2, 2]);
    // Room 1: seats 1–2 and one free seat (3); room 2: two candidates who both want it.
    const third = await db.registration.findFirstOrThrow({ where: { roomId: s.rooms[0].id, seat: 3 } });
    await moveCandidate(s.sitting, { registrationId: third.id, roomId: s.rooms[1].id, seat: 2 }, s.admin);
    const inRoom2 = await db.registration.findMany({ where: { roomId: s.rooms[1].id } });
    expect(inRoom2).toHaveLength(2);
    const results = await Promise.allSettled(
      inRoom2.map((g) => moveCandidate(s.sitting, { registrationId: g.id, roomId: s.rooms[0].id, seat: 3 }, s.admin)),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected")!;
    expect(await refusal(Promise.reject((lost as PromiseRejectedResult).reason))).toMatchObject({ status: 409 });
    expect(await db.registration.count({ where: { roomId: s.rooms[0].id } })).toBe(3);
    expect(await db.auditLog.count({ where: { action: "registration.move_seat", centerId: s.center.id } })).toBe(2);
  });

  it("swaps two candidates' rooms, seats and tickets", async () => {
    const s = await setup("STH", [2, 2], [2, 2]);
    const a = await db.registration.findFirstOrThrow({ where: { roomId: s.rooms[0].id, seat: 1 } });
    const b = await db.registration.findFirstOrThrow({ where: { roomId: s.rooms[1].id, seat: 2 } });
    await swapCandidates(s.sitting, { registrationId: a.id, otherRegistrationId: b.id }, s.admin);
    expect(await db.registration.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({
      roomId: b.roomId,
      seat: 2,
      ticketNumber: b.ticketNumber,
    });
    expect(await db.registration.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({
      roomId: a.roomId,
      seat: 1,
      ticketNumber: a.ticketNumber,
    });
    expect(await db.auditLog.count({ where: { action: "registration.swap_seats", target: s.sitting.id } })).toBe(1);
  });
});

describe("准考证 and room sheets (service)", () => {
  it("prints the candidate's own ticket with address, time in Beijing time and a QR; refuses anyone else's", async () => {
    const s = await setup("STI", [2], [1, 1]);
    await setSittingAddress(s.sitting, "示范区政务服务中心三楼 301 室", s.admin);
    const [reg, other] = await db.registration.findMany({
      where: { sittingId: s.sitting.id },
      orderBy: { seat: "asc" },
      include: { person: true },
    });
    const t = await ownAdmissionTicket(reg.personId, reg.id);
    expect(t).toMatchObject({
      ticket: reg.ticketNumber,
      name: reg.person.name,
      idNumber: maskIdNumber(reg.person.idNumber),
      level: "五级/初级工",
      part: "理论知识考试",
      room: "第1考场",
      seat: 1,
      date: "2026-12-20",
      time: "09:30–11:00",
      address: "示范区政务服务中心三楼 301 室",
    });
    expect(t.qr).toContain("<svg");
    expect(await refusal(ownAdmissionTicket(other.personId, reg.id))).toEqual({ status: 404, message: "未找到该准考证。" });
    expect(await refusal(ownAdmissionTicket(null, reg.id))).toMatchObject({ status: 404 });
    expect(await refusal(ownAdmissionTicket(reg.personId, "nope"))).toMatchObject({ status: 404 });
    expect(await db.auditLog.count({ where: { action: "sitting.set_address", target: s.sitting.id } })).toBe(1);

    const all = await sittingAdmissionTickets(s.sitting.id);
    expect(all.map((x) => x.seat)).toEqual([1, 2]);
    const sheet = await roomSheet(s.rooms[0].id);
    expect(sheet.candidates.map((c) => [c.seat, c.ticket])).toEqual([
      [1, reg.ticketNumber],
      [2, other.ticketNumber],
    ]);
    expect(sheet.candidates[0].idNumber).not.toBe(reg.person.idNumber);
  });
});
