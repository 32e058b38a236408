import { assembleTheoryPaper, type TheoryPaper } from "~/domain/assembly";
import type { BankItem } from "~/domain/bank";
import { clockState, type ClockInput } from "~/domain/exam-clock";
import { requiredProctors } from "~/domain/exam-rules";
import { gradeTheory, type AnswerValue, type GradableItem } from "~/domain/grading";
import type { Area, Level } from "~/domain/levels";
import { formatDate } from "~/domain/time";
import { currentBank } from "~/features/bank/import.server";
import { db } from "~/platform/db.server";
import { httpError, orConflict } from "~/platform/http.server";

export type SnapshotItem = Pick<BankItem, "id" | "type" | "area" | "level" | "requirement" | "stem" | "options" | "key" | "explanation"> & {
  points: number;
};

type ParsedPaper = { paper: TheoryPaper; items: Map<string, SnapshotItem> };
// A stored paper never changes (re-assembly writes a new row), so it is parsed once per process:
// every answer save needs its item types.
const parsedPapers = new Map<string, ParsedPaper>();

export function paperOf(p: { id: string; content: string; items: string }): ParsedPaper {
  const hit = parsedPapers.get(p.id);
  if (hit) return hit;
  const parsed = {
    paper: JSON.parse(p.content) as TheoryPaper,
    items: new Map((JSON.parse(p.items) as SnapshotItem[]).map((i) => [i.id, i])),
  };
  if (parsedPapers.size >= 500) parsedPapers.clear();
  parsedPapers.set(p.id, parsed);
  return parsed;
}

/** Assembles the sitting's paper from the current bank and stores it with a snapshot of its items. */
export async function assembleSittingPaper(sittingId: string) {
  const sitting = await db.sitting.findUniqueOrThrow({ where: { id: sittingId } });
  if (sitting.paperId) {
    const started = await db.attempt.count({ where: { registration: { sittingId } } });
    if (started > 0) httpError(409, "已有考生开始作答，不能重新组卷。");
  }
  const bank = await currentBank(db);
  if (!bank) httpError(409, "尚未导入题库，请先运行 npm run bank -- import。");
  const result = assembleTheoryPaper(bank.items, sitting.level as Level, sitting.seed, bank.version);
  if (!result.ok) httpError(409, result.message);
  const byId = new Map(bank.items.map((i) => [i.id, i]));
  const snapshot: SnapshotItem[] = result.paper.sections.flatMap((s) =>
    s.items.map((pi) => {
      const b = byId.get(pi.id)!;
      return {
        id: b.id,
        type: b.type,
        area: b.area,
        level: b.level,
        requirement: b.requirement,
        stem: b.stem,
        options: b.options,
        key: b.key,
        explanation: b.explanation,
        points: pi.points,
      };
    }),
  );
  await db.$transaction(async (tx) => {
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
  });
}

export function roomClock(
  room: { openedAt: Date | null; pausedAt: Date | null; pausedMs: number },
  durationMinutes: number,
  extraMinutes: number,
): ClockInput {
  return { openedAt: room.openedAt, pausedAt: room.pausedAt, pausedMs: room.pausedMs, durationMinutes, extraMinutes };
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

/** Places people in rooms with free seats, in room order; refuses when capacity runs out. */
/** True when the person already sat this part at this level and did not pass: a 补考. */
export async function isRetake(personId: string, level: string, kind: string) {
  const earlier = await db.registration.findMany({
    where: { personId, sitting: { level, kind, status: "published" } },
    include: { attempt: true, skillResult: true },
  });
  return earlier.some((r) => (kind === "theory" ? r.attempt && !r.attempt.passed : r.skillResult && !r.skillResult.passed));
}

export async function registerCandidates(sittingId: string, personIds: string[], eligibility: ReadonlyMap<string, string> = new Map()) {
  const sitting = await db.sitting.findUniqueOrThrow({
    where: { id: sittingId },
    include: { center: true, rooms: { orderBy: { name: "asc" }, include: { registrations: true } }, registrations: true },
  });
  const already = new Set(sitting.registrations.map((r) => r.personId));
  const fresh = personIds.filter((id) => !already.has(id));
  const people = await db.person.findMany({ where: { id: { in: fresh }, centerId: sitting.centerId } });
  if (people.length !== fresh.length) httpError(403, "只能为本中心人员报名。");
  const free = sitting.rooms.reduce((n, r) => n + Math.max(0, r.capacity - r.registrations.length), 0);
  if (people.length > free) httpError(400, `考场座位不足：还需 ${people.length - free} 个座位，请先增加考场或容量。`);
  const dayNo = await sittingOfDay(sitting);
  const creates: ReturnType<typeof db.registration.create>[] = [];
  let k = 0;
  for (const [ri, room] of sitting.rooms.entries()) {
    let seat = room.registrations.reduce((m, r) => Math.max(m, r.seat), 0);
    let left = room.capacity - room.registrations.length;
    while (left > 0 && k < people.length) {
      seat++;
      left--;
      const p = people[k++];
      const retake = await isRetake(p.id, sitting.level, sitting.kind);
      creates.push(
        db.registration.create({
          data: {
            sittingId,
            roomId: room.id,
            personId: p.id,
            seat,
            retake,
            eligibility: eligibility.get(p.id) ?? null,
            ticketNumber: ticketNumber(sitting.center.code, sitting.startsAt, dayNo, ri + 1, seat),
          },
        }),
      );
    }
  }
  await orConflict(() => db.$transaction(creates), "报名时座位或准考证号与他人同时操作冲突，请刷新后重试。");
  return { registered: creates.length, skipped: personIds.length - fresh.length };
}

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

export function gradableItems(items: Map<string, SnapshotItem>): GradableItem[] {
  return [...items.values()].map((i) => ({ id: i.id, type: i.type, points: i.points, area: i.area as Area, key: i.key }));
}

/** Grades and closes an attempt with what was saved. Safe to call twice: the second call is a no-op. */
export async function finalizeAttempt(attemptId: string, reason: "manual" | "deadline", now: Date) {
  return db.$transaction(async (tx) => {
    const attempt = await tx.attempt.findUniqueOrThrow({
      where: { id: attemptId },
      include: { answers: true, registration: { include: { sitting: { include: { paper: true } } } } },
    });
    if (attempt.status === "submitted") return attempt;
    const { items } = paperOf(attempt.registration.sitting.paper!);
    const answers = new Map<string, AnswerValue>(attempt.answers.map((a) => [a.itemId, JSON.parse(a.value) as AnswerValue]));
    const grade = gradeTheory(gradableItems(items), answers);
    return tx.attempt.update({
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
