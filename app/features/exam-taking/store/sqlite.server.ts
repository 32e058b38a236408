// The exam store on SQLite: prepared statements on better-sqlite3, one read connection per
// process and one write connection in the process that commits (see group-commit.server.ts).
// The SQL is the common subset of SQLite and PostgreSQL: quoted identifiers, INSERT … ON
// CONFLICT, no SQLite-only functions; only the placeholders (? here, $n there) differ.
import Database from "better-sqlite3";
import { gradeTheory, type AnswerValue, type GradableItem } from "~/domain/grading";
import { gradableItems, paperOf } from "~/domain/paper";
import { newId } from "~/platform/ids.server";
import type { AuditRow, ExamReads, LoginRow, PaperRow, SessionRow, WriteOp, WriteResult } from "./types";

export function sqliteFile(url: string): string {
  return url.replace(/^file:/, "");
}

/** A connection with the app's settings. FULL: a commit is on disk (WAL fsynced) before it returns. */
export function openConnection(file: string, role: "read" | "write"): Database.Database {
  const conn = new Database(file);
  conn.pragma("journal_mode = WAL");
  conn.pragma("synchronous = FULL");
  conn.pragma("foreign_keys = ON");
  // Never sleep inside the driver: a busy write lock is retried asynchronously by the writer,
  // and readers in WAL mode are never blocked.
  conn.pragma("busy_timeout = 0");
  if (role === "read") conn.pragma("query_only = ON");
  return conn;
}

const LOGIN_SQL = `
  SELECT r."id" AS "registrationId", r."ticketNumber" AS "ticketNumber", p."idNumber" AS "idNumber", si."centerId" AS "centerId",
         si."paperId" AS "paperId", ro."id" AS "roomId", ro."status" AS "roomStatus", ro."openedAt" AS "roomOpenedAt",
         ro."startCode" AS "startCode", a."id" AS "attemptId"
    FROM "Registration" r
    JOIN "Person" p ON p."id" = r."personId"
    JOIN "Sitting" si ON si."id" = r."sittingId"
    LEFT JOIN "Room" ro ON ro."id" = r."roomId"
    LEFT JOIN "Attempt" a ON a."registrationId" = r."id"
   WHERE r."ticketNumber" = ?`;

const SESSION_SQL = `
  SELECT s."expiresAt" AS "expiresAt", r."id" AS "registrationId", r."ticketNumber" AS "ticketNumber", r."seat" AS "seat", p."name" AS "personName",
         si."id" AS "sittingId", si."centerId" AS "centerId", si."title" AS "title", si."level" AS "level", si."status" AS "sittingStatus",
         si."durationMinutes" AS "durationMinutes", si."paperId" AS "paperId",
         ro."id" AS "roomId", ro."name" AS "roomName", ro."openedAt" AS "openedAt", ro."pausedAt" AS "pausedAt", ro."pausedMs" AS "pausedMs",
         a."id" AS "attemptId", a."status" AS "status", a."activeWindow" AS "activeWindow", a."extraMinutes" AS "extraMinutes",
         a."queuedMs" AS "queuedMs", a."submitReason" AS "submitReason", a."score" AS "score", a."passed" AS "passed", a."areaScores" AS "areaScores"
    FROM "ExamSession" s
    JOIN "Registration" r ON r."id" = s."registrationId"
    JOIN "Person" p ON p."id" = r."personId"
    JOIN "Sitting" si ON si."id" = r."sittingId"
    LEFT JOIN "Room" ro ON ro."id" = r."roomId"
    LEFT JOIN "Attempt" a ON a."registrationId" = r."id"
   WHERE s."id" = ?`;

const OPEN_ROOMS_SQL = `
  SELECT ro."id" AS "roomId", ro."openedAt" AS "openedAt", ro."pausedMs" AS "pausedMs", si."durationMinutes" AS "durationMinutes"
    FROM "Room" ro JOIN "Sitting" si ON si."id" = ro."sittingId"
   WHERE ro."status" = 'open' AND ro."pausedAt" IS NULL AND ro."openedAt" IS NOT NULL`;

const IN_PROGRESS_SQL = `
  SELECT a."id" AS "attemptId", a."extraMinutes" AS "extraMinutes", a."queuedMs" AS "queuedMs"
    FROM "Attempt" a JOIN "Registration" r ON r."id" = a."registrationId"
   WHERE r."roomId" = ? AND a."status" = 'in_progress'`;

/** The reads of the hot path on one connection; every statement compiled once. */
export function sqliteReads(conn: Database.Database): ExamReads {
  const login = conn.prepare<[string], LoginRow>(LOGIN_SQL);
  const session = conn.prepare<[string], SessionRow>(SESSION_SQL);
  const paper = conn.prepare<[string], PaperRow>(`SELECT "id", "content", "items" FROM "Paper" WHERE "id" = ?`);
  const order = conn.prepare<[string], { itemOrder: string }>(`SELECT "itemOrder" FROM "Attempt" WHERE "id" = ?`);
  const answers = conn.prepare<[string], { itemId: string; value: string }>(`SELECT "itemId", "value" FROM "Answer" WHERE "attemptId" = ?`);
  const attempt = conn.prepare<[string], { activeWindow: string | null; status: string }>(
    `SELECT "activeWindow", "status" FROM "Attempt" WHERE "id" = ?`,
  );
  const answer = conn.prepare<[string, string], { windowId: string; seq: number; savedAt: string }>(
    `SELECT "windowId", "seq", "savedAt" FROM "Answer" WHERE "attemptId" = ? AND "itemId" = ?`,
  );
  const openRooms = conn.prepare<[], Awaited<ReturnType<ExamReads["openRooms"]>>[number]>(OPEN_ROOMS_SQL);
  const inProgress = conn.prepare<[string], Awaited<ReturnType<ExamReads["inProgressOfRoom"]>>[number]>(IN_PROGRESS_SQL);
  const one = conn.prepare<[], { one: number }>(`SELECT 1 AS "one"`);
  return {
    loginRow: async (ticket) => login.get(ticket),
    sessionRow: async (id) => session.get(id),
    async paper(id) {
      const row = paper.get(id);
      if (!row) throw new Error(`paper ${id} not found`);
      return row;
    },
    async itemOrder(id) {
      const row = order.get(id);
      if (!row) throw new Error(`attempt ${id} not found`);
      return row.itemOrder;
    },
    answers: async (id) => answers.all(id),
    attemptState: async (id) => attempt.get(id),
    answerRow: async (id, itemId) => answer.get(id, itemId),
    openRooms: async () => openRooms.all(),
    inProgressOfRoom: async (roomId) => inProgress.all(roomId),
    ping: async () => one.get()?.one === 1,
  };
}

/** Runs the write operations of the hot path on the write connection, inside the writer's transaction. */
export function sqliteWriteSteps(conn: Database.Database): (op: WriteOp) => WriteResult {
  const insertAttempt = conn.prepare(
    `INSERT INTO "Attempt" ("id", "registrationId", "itemOrder", "startedAt", "queuedMs") VALUES (?, ?, ?, ?, ?)
     ON CONFLICT ("registrationId") DO NOTHING`,
  );
  const attemptOf = conn.prepare<[string], { id: string }>(`SELECT "id" FROM "Attempt" WHERE "registrationId" = ?`);
  const insertSession = conn.prepare(`INSERT INTO "ExamSession" ("id", "registrationId", "createdAt", "expiresAt") VALUES (?, ?, ?, ?)`);
  const insertAudit = conn.prepare(
    `INSERT INTO "AuditLog" ("id", "at", "actorId", "actorName", "centerId", "action", "target", "ip", "detail")
     VALUES (?, ?, NULL, NULL, ?, ?, ?, ?, ?)`,
  );
  const claim = conn.prepare(`UPDATE "Attempt" SET "activeWindow" = ? WHERE "id" = ? AND "status" = 'in_progress'`);
  // Only the window that holds the attempt writes, and within it a newer sequence number wins; a
  // resend of a stored change writes nothing (the caller then reads why).
  const save = conn.prepare(
    `INSERT INTO "Answer" ("attemptId", "itemId", "value", "windowId", "seq", "savedAt")
     SELECT "id", ?, ?, ?, ?, ? FROM "Attempt" WHERE "id" = ? AND "status" = 'in_progress' AND "activeWindow" = ?
     ON CONFLICT ("attemptId", "itemId") DO UPDATE
        SET "value" = excluded."value", "windowId" = excluded."windowId", "seq" = excluded."seq", "savedAt" = excluded."savedAt"
      WHERE NOT ("Answer"."windowId" = excluded."windowId" AND "Answer"."seq" >= excluded."seq")`,
  );
  const toFinalize = conn.prepare<[string], { status: string; paperId: string | null }>(
    `SELECT a."status" AS "status", si."paperId" AS "paperId" FROM "Attempt" a
       JOIN "Registration" r ON r."id" = a."registrationId" JOIN "Sitting" si ON si."id" = r."sittingId"
      WHERE a."id" = ?`,
  );
  const answersOf = conn.prepare<[string], { itemId: string; value: string }>(
    `SELECT "itemId", "value" FROM "Answer" WHERE "attemptId" = ?`,
  );
  const paperRow = conn.prepare<[string], PaperRow>(`SELECT "id", "content", "items" FROM "Paper" WHERE "id" = ?`);
  const submit = conn.prepare(
    `UPDATE "Attempt" SET "status" = 'submitted', "submittedAt" = ?, "submitReason" = ?, "score" = ?, "passed" = ?, "areaScores" = ?
      WHERE "id" = ? AND "status" = 'in_progress'`,
  );
  // A stored paper never changes: its gradable items are built once per process.
  const gradable = new Map<string, GradableItem[]>();
  const gradableOf = (paperId: string) => {
    let hit = gradable.get(paperId);
    if (!hit) {
      const row = paperRow.get(paperId);
      if (!row) throw new Error(`paper ${paperId} not found`);
      hit = gradableItems(paperOf(row).items);
      if (gradable.size >= 200) gradable.clear();
      gradable.set(paperId, hit);
    }
    return hit;
  };
  const audit = (a: AuditRow) => insertAudit.run(newId(), a.at, a.centerId, a.action, a.target, a.ip, a.detail);

  return (op) => {
    switch (op.kind) {
      case "signIn": {
        if (op.attempt)
          insertAttempt.run(op.attempt.id, op.registrationId, op.attempt.itemOrder, op.attempt.startedAt, op.attempt.queuedMs);
        const attempt = attemptOf.get(op.registrationId);
        if (!attempt) throw new Error("sign-in without an attempt");
        insertSession.run(op.session.id, op.registrationId, op.session.createdAt, op.session.expiresAt);
        audit(op.audit);
        return { kind: "signIn", attemptId: attempt.id };
      }
      case "claim":
        return { kind: "claim", changed: claim.run(op.windowId, op.attemptId).changes > 0 };
      case "save":
        return {
          kind: "save",
          written: save.run(op.itemId, op.value, op.windowId, op.seq, op.savedAt, op.attemptId, op.windowId).changes > 0,
        };
      case "finalize": {
        const row = toFinalize.get(op.attemptId);
        if (!row || row.status !== "in_progress" || !row.paperId) return { kind: "finalize", submitted: false };
        // Graded inside the transaction that closes the attempt: every save committed before it counts.
        const answers = new Map<string, AnswerValue>(
          answersOf.all(op.attemptId).map((a) => [a.itemId, JSON.parse(a.value) as AnswerValue]),
        );
        const grade = gradeTheory(gradableOf(row.paperId), answers);
        const changed = submit.run(op.at, op.reason, grade.total, grade.passed ? 1 : 0, JSON.stringify(grade.byArea), op.attemptId).changes;
        if (changed > 0 && op.audit) audit(op.audit);
        return { kind: "finalize", submitted: changed > 0 };
      }
    }
  };
}

export function isoTime(d: Date): string {
  // The format Prisma's SQLite adapter writes, so that both read each other's times.
  return d.toISOString().replace("Z", "+00:00");
}
