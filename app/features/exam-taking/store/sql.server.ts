// The SQL of the exam store, shared by its SQLite and PostgreSQL implementations: the common
// subset of both (quoted identifiers, INSERT … ON CONFLICT, no engine-only functions), written
// with `?` placeholders; `numbered` turns them into PostgreSQL's $1, $2 …. Where the engines
// must differ (row locks, which SQLite does not have and does not need), both texts are here.
import { gradeTheory, type AnswerValue, type GradableItem } from "~/domain/grading";
import { gradableItems, paperOf } from "~/domain/paper";
import type { PaperRow } from "./types";

export const LOGIN_SQL = `
  SELECT r."id" AS "registrationId", r."ticketNumber" AS "ticketNumber", p."idNumber" AS "idNumber", si."centerId" AS "centerId",
         si."paperId" AS "paperId", ro."id" AS "roomId", ro."status" AS "roomStatus", ro."openedAt" AS "roomOpenedAt",
         ro."startCode" AS "startCode", a."id" AS "attemptId"
    FROM "Registration" r
    JOIN "Person" p ON p."id" = r."personId"
    JOIN "Sitting" si ON si."id" = r."sittingId"
    LEFT JOIN "Room" ro ON ro."id" = r."roomId"
    LEFT JOIN "Attempt" a ON a."registrationId" = r."id"
   WHERE r."ticketNumber" = ?`;

export const SESSION_SQL = `
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

export const OPEN_ROOMS_SQL = `
  SELECT ro."id" AS "roomId", ro."openedAt" AS "openedAt", ro."pausedMs" AS "pausedMs", si."durationMinutes" AS "durationMinutes"
    FROM "Room" ro JOIN "Sitting" si ON si."id" = ro."sittingId"
   WHERE ro."status" = 'open' AND ro."pausedAt" IS NULL AND ro."openedAt" IS NOT NULL`;

export const IN_PROGRESS_SQL = `
  SELECT a."id" AS "attemptId", a."extraMinutes" AS "extraMinutes", a."queuedMs" AS "queuedMs"
    FROM "Attempt" a JOIN "Registration" r ON r."id" = a."registrationId"
   WHERE r."roomId" = ? AND a."status" = 'in_progress'`;

export const PAPER_SQL = `SELECT "id", "content", "items" FROM "Paper" WHERE "id" = ?`;
export const ITEM_ORDER_SQL = `SELECT "itemOrder" FROM "Attempt" WHERE "id" = ?`;
export const ANSWERS_SQL = `SELECT "itemId", "value" FROM "Answer" WHERE "attemptId" = ?`;
export const ATTEMPT_STATE_SQL = `SELECT "activeWindow", "status" FROM "Attempt" WHERE "id" = ?`;
export const ANSWER_ROW_SQL = `SELECT "windowId", "seq", "savedAt" FROM "Answer" WHERE "attemptId" = ? AND "itemId" = ?`;
export const PING_SQL = `SELECT 1 AS "one"`;

export const INSERT_ATTEMPT_SQL = `INSERT INTO "Attempt" ("id", "registrationId", "itemOrder", "startedAt", "queuedMs") VALUES (?, ?, ?, ?, ?)
     ON CONFLICT ("registrationId") DO NOTHING`;
export const ATTEMPT_OF_SQL = `SELECT "id" FROM "Attempt" WHERE "registrationId" = ?`;
export const INSERT_SESSION_SQL = `INSERT INTO "ExamSession" ("id", "registrationId", "createdAt", "expiresAt") VALUES (?, ?, ?, ?)`;
export const INSERT_AUDIT_SQL = `INSERT INTO "AuditLog" ("id", "at", "actorId", "actorName", "centerId", "action", "target", "ip", "detail")
     VALUES (?, ?, NULL, NULL, ?, ?, ?, ?, ?)`;
export const CLAIM_SQL = `UPDATE "Attempt" SET "activeWindow" = ? WHERE "id" = ? AND "status" = 'in_progress'`;

// Only the window that holds the attempt writes, and within it a newer sequence number wins; a
// resend of a stored change writes nothing (the caller then reads why). `lock` is PostgreSQL's
// FOR SHARE on the attempt: a finalize that holds the attempt (FOR UPDATE) makes the save wait
// and then see the attempt submitted, so no save commits after the answers were graded.
const save = (lock: string) => `INSERT INTO "Answer" ("attemptId", "itemId", "value", "windowId", "seq", "savedAt")
     SELECT "id", ?, ?, ?, ?, ? FROM "Attempt" WHERE "id" = ? AND "status" = 'in_progress' AND "activeWindow" = ?${lock}
     ON CONFLICT ("attemptId", "itemId") DO UPDATE
        SET "value" = excluded."value", "windowId" = excluded."windowId", "seq" = excluded."seq", "savedAt" = excluded."savedAt"
      WHERE NOT ("Answer"."windowId" = excluded."windowId" AND "Answer"."seq" >= excluded."seq")`;
export const SAVE_SQL = save("");
export const SAVE_SQL_LOCKING = save(" FOR SHARE");

export const TO_FINALIZE_SQL = `SELECT a."status" AS "status", si."paperId" AS "paperId" FROM "Attempt" a
       JOIN "Registration" r ON r."id" = a."registrationId" JOIN "Sitting" si ON si."id" = r."sittingId"
      WHERE a."id" = ?`;
/** PostgreSQL: the attempt is held until the finalizing transaction ends (see SAVE_SQL_LOCKING). */
export const LOCK_ATTEMPT_SQL = `SELECT "id" FROM "Attempt" WHERE "id" = ? FOR UPDATE`;
export const SUBMIT_SQL = `UPDATE "Attempt" SET "status" = 'submitted', "submittedAt" = ?, "submitReason" = ?, "score" = ?, "passed" = ?, "areaScores" = ?
      WHERE "id" = ? AND "status" = 'in_progress'`;

/** `?` placeholders as PostgreSQL's numbered ones (the statements above hold no `?` in literals). */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** A stored paper never changes: its gradable items are built once per process. */
export function gradableCache() {
  const gradable = new Map<string, GradableItem[]>();
  return {
    get: (paperId: string) => gradable.get(paperId),
    put(row: PaperRow): GradableItem[] {
      const items = gradableItems(paperOf(row).items);
      if (gradable.size >= 200) gradable.clear();
      gradable.set(row.id, items);
      return items;
    },
  };
}

/** The grade of a finalized attempt from its stored answers, as the columns take it. */
export function gradeStored(items: GradableItem[], stored: { itemId: string; value: string }[]) {
  const answers = new Map<string, AnswerValue>(stored.map((a) => [a.itemId, JSON.parse(a.value) as AnswerValue]));
  const grade = gradeTheory(items, answers);
  return { total: grade.total, passed: grade.passed, areaScores: JSON.stringify(grade.byArea) };
}
