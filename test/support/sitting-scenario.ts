// A theory sitting set up through the services, for tests that need one on the real database:
// a center, an admin, two proctors, one room of candidates and an assembled paper.
import { expect } from "vitest";
import { idNumberCheckChar } from "~/domain/id-number";
import { examLogin } from "~/features/exam-taking/index.server";
import { addRoom, assembleSittingPaper, assignProctor, registerCandidates } from "~/features/sittings/service.server";
import { db } from "~/platform/db.server";
import { user } from "./service-helpers";

let n = 0;
export async function person(centerId: string, name: string) {
  n++;
  const base = `31010719900101${String(n).padStart(3, "0")}`;
  return db.person.create({ data: { centerId, name, idNumber: base + idNumberCheckChar(base), phone: "13800000000" } });
}

export const roomOf = (id: string) => db.room.findUniqueOrThrow({ where: { id }, include: { sitting: true } });
export const sittingOf = (id: string) => db.sitting.findUniqueOrThrow({ where: { id } });
export const noLate = { confirmed: false, note: "" };

/** A sitting starting at `startsAt` with one room of `candidates` people, two proctors and a paper. */
export async function scenario(code: string, startsAt: Date, candidates = 2) {
  const center = await db.center.create({ data: { name: `生命周期测试${code}`, kind: "district", code } });
  const admin = await user(center.id, `${code}-admin`, "center_admin");
  const p1 = await user(center.id, `${code}-p1`, "proctor");
  const p2 = await user(center.id, `${code}-p2`, "proctor");
  const sitting = await db.sitting.create({
    data: {
      centerId: center.id,
      kind: "theory",
      level: "L5",
      title: `场次${code}`,
      startsAt,
      durationMinutes: 60,
      seed: 3,
      createdById: admin.id,
    },
  });
  await addRoom(await sittingOf(sitting.id), { name: "第1考场", capacity: 30 }, admin);
  const room = await db.room.findFirstOrThrow({ where: { sittingId: sitting.id } });
  const people = [];
  for (let i = 0; i < candidates; i++) people.push(await person(center.id, `考生${code}${i}`));
  await registerCandidates(
    sitting.id,
    people.map((p) => p.id),
  );
  await assignProctor(await sittingOf(sitting.id), room.id, p1.id, admin);
  await assignProctor(await sittingOf(sitting.id), room.id, p2.id, admin);
  await assembleSittingPaper(sitting.id, admin);
  return { center, admin, p1, p2, sittingId: sitting.id, roomId: room.id, people };
}

/** Signs a candidate in (creating the attempt) and returns its id. */
export async function startAttempt(roomId: string, personId: string, now: Date) {
  const reg = await db.registration.findFirstOrThrow({ where: { roomId, personId }, include: { person: true } });
  const room = await db.room.findUniqueOrThrow({ where: { id: roomId } });
  const r = await examLogin(
    { cookie: null, secure: false, ip: "127.0.0.1" },
    { ticket: reg.ticketNumber, idNumber: reg.person.idNumber, startCode: room.startCode! },
    now,
  );
  expect(r.ok).toBe(true);
  return (await db.attempt.findUniqueOrThrow({ where: { registrationId: reg.id } })).id;
}
