// Creates bench sittings in the bench database through the app's own server functions
// (registerCandidates, assembleSittingPaper, roomStaffing, paperOf) and domain rules
// (candidateOrder, requiredProctors, ID-number check characters). Import this module only after
// DATABASE_URL points at the bench database: db.server.ts opens it on import.
import { candidateOrder } from "~/domain/assembly";
import { requiredProctors } from "~/domain/exam-rules";
import { idNumberCheckChar } from "~/domain/id-number";
import type { Level } from "~/domain/levels";
import { db, ensureDbReady } from "~/platform/db.server";
import { hashPassword } from "~/platform/password.server";
import { paperOf } from "~/domain/paper";
import { assembleSittingPaper, registerCandidates, roomStaffing } from "~/features/sittings/index.server";

export { db };

export type SimItem = { id: string; type: string; options: string[] };
export type SimCandidate = { ticket: string; idNumber: string; registrationId: string; roomId: string; items: SimItem[] };
export type BenchSitting = { sittingId: string; title: string; rooms: string[]; candidates: SimCandidate[]; paperItems: number };

/** A center of its own, with an admin account that owns the bench sittings. */
export async function benchCenter(code = "YCS") {
  await ensureDbReady();
  const center = await db.center.create({ data: { name: `压测市政务服务中心（${code}）`, code, kind: "district" } });
  const passwordHash = await hashPassword("Bench@2026-not-used");
  const admin = await db.user.create({
    data: {
      username: `bench-admin-${code.toLowerCase()}`,
      displayName: "压测管理员",
      passwordHash,
      centerId: center.id,
      roles: { create: [{ role: "center_admin" }] },
    },
  });
  return { centerId: center.id, code, adminId: admin.id, passwordHash };
}

/** Valid 18-digit ID numbers (GB 11643 check character), unique per index. */
export function benchIdNumber(i: number): string {
  const birth = new Date(Date.UTC(1970, 0, 1) + i * 86_400_000);
  const ymd = birth.toISOString().slice(0, 10).replace(/-/g, "");
  const first17 = `110105${ymd}${String(100 + (i % 900)).padStart(3, "0")}`;
  return first17 + idNumberCheckChar(first17);
}

/** `count` people of the center; `from` numbers them on (several sittings' people in one database). */
export async function createPeople(centerId: string, count: number, from = 0): Promise<string[]> {
  const rows = Array.from({ length: count }, (_, k) => k + from).map((i) => ({
    id: `bench-person-${String(i).padStart(5, "0")}`,
    centerId,
    name: `考生${String(i + 1).padStart(4, "0")}`,
    idNumber: benchIdNumber(i),
    phone: `139${String(i).padStart(8, "0")}`,
    staffRole: "综合窗口工作人员",
    hireDate: new Date("2018-03-01T00:00:00+08:00"),
  }));
  for (let k = 0; k < rows.length; k += 500) await db.person.createMany({ data: rows.slice(k, k + 500) });
  return rows.map((r) => r.id);
}

/**
 * A theory sitting with rooms of `roomCapacity`, the proctors each room needs, the given people
 * registered (tickets by the app's rule) and the paper assembled from the current bank.
 */
export async function createSitting(opts: {
  center: Awaited<ReturnType<typeof benchCenter>>;
  title: string;
  level: Level;
  personIds: string[];
  roomCapacity: number;
  durationMinutes: number;
  startsAt: Date;
}): Promise<BenchSitting> {
  const { center } = opts;
  const sitting = await db.sitting.create({
    data: {
      centerId: center.centerId,
      kind: "theory",
      level: opts.level,
      title: opts.title,
      startsAt: opts.startsAt,
      durationMinutes: opts.durationMinutes,
      seed: 1 + Math.floor(Math.random() * 999_999),
      createdById: center.adminId,
    },
  });
  const roomCount = Math.ceil(opts.personIds.length / opts.roomCapacity);
  const rooms: string[] = [];
  for (let r = 0; r < roomCount; r++) {
    const room = await db.room.create({
      data: { sittingId: sitting.id, name: `第${String(r + 1).padStart(3, "0")}考场`, capacity: opts.roomCapacity },
    });
    const seats = Math.min(opts.roomCapacity, opts.personIds.length - r * opts.roomCapacity);
    const proctors = [];
    for (let p = 0; p < requiredProctors(seats); p++) {
      proctors.push(
        await db.user.create({
          data: {
            username: `bench-proctor-${sitting.id.slice(-6)}-${r + 1}-${p + 1}`,
            displayName: `监考员${r + 1}-${p + 1}`,
            passwordHash: center.passwordHash,
            centerId: center.centerId,
            roles: { create: [{ role: "proctor" }] },
          },
        }),
      );
    }
    await db.roomProctor.createMany({ data: proctors.map((u) => ({ roomId: room.id, userId: u.id })) });
    rooms.push(room.id);
  }
  // In chunks: one call with more than ~999 people fails in the app (P2029, SQLite's bound-parameter
  // limit in `person.findMany({ where: { id: { in } } })`); a center admin would register in batches too.
  for (let k = 0; k < opts.personIds.length; k += 500) await registerCandidates(sitting.id, opts.personIds.slice(k, k + 500));
  for (const roomId of rooms) {
    const s = await roomStaffing(roomId);
    if (s.missing > 0) throw new Error(`room ${roomId} lacks ${s.missing} proctors`);
  }
  await assembleSittingPaper(sitting.id);
  const full = await db.sitting.findUniqueOrThrow({
    where: { id: sitting.id },
    include: { paper: true, registrations: { include: { person: true }, orderBy: { ticketNumber: "asc" } } },
  });
  const { paper, items } = paperOf(full.paper!);
  const candidates = full.registrations.map((r) => ({
    ticket: r.ticketNumber,
    idNumber: r.person.idNumber,
    registrationId: r.id,
    roomId: r.roomId!,
    // The order the server will store at login (the same deterministic function, keyed by registration).
    items: candidateOrder(paper, items, r.id).map((o) => ({ id: o.itemId, type: items.get(o.itemId)!.type, options: o.options })),
  }));
  return { sittingId: sitting.id, title: opts.title, rooms, candidates, paperItems: items.size };
}

/**
 * The proctors press 开考: every room opens with its own 6-digit start code (as the proctor
 * screen does). `openedAt` may lie in the past to compress the sitting's timeline.
 */
export async function openRooms(sittingId: string, openedAt: Date): Promise<Map<string, string>> {
  const rooms = await db.room.findMany({ where: { sittingId } });
  const codes = new Map<string, string>();
  for (const room of rooms) {
    const code = String(100000 + Math.floor(Math.random() * 900000));
    await db.room.update({ where: { id: room.id, status: "waiting" }, data: { status: "open", startCode: code, openedAt } });
    codes.set(room.id, code);
  }
  return codes;
}

export type StoredAnswer = { ticket: string; itemId: string; value: string; seq: bigint | number; windowId: string };

/**
 * Every stored answer of a sitting, with its ticket number (read with SQL: seq may exceed 32 bits).
 * Quoted identifiers and Prisma's own placeholders: the same query on SQLite and PostgreSQL.
 */
export async function storedAnswers(sittingId: string): Promise<StoredAnswer[]> {
  return db.$queryRaw<StoredAnswer[]>`
    SELECT r."ticketNumber" AS "ticket", a."itemId" AS "itemId", a."value" AS "value", a."seq" AS "seq", a."windowId" AS "windowId"
      FROM "Answer" a JOIN "Attempt" t ON t."id" = a."attemptId" JOIN "Registration" r ON r."id" = t."registrationId"
     WHERE r."sittingId" = ${sittingId}`;
}

export async function attemptSummary(sittingId: string) {
  const rows = await db.attempt.groupBy({ by: ["status", "submitReason"], where: { registration: { sittingId } }, _count: { _all: true } });
  const graded = await db.attempt.count({ where: { registration: { sittingId }, status: "submitted", score: { not: null } } });
  return { byStatus: rows.map((r) => ({ status: r.status, reason: r.submitReason, count: r._count._all })), graded };
}
