// The exam store on SQLite: prepared statements on better-sqlite3, one read connection per
// process and one write connection in the process that commits (see group-commit.server.ts).
// The SQL, shared with the PostgreSQL implementation, is in sql.ts.
import Database from "better-sqlite3";
import { newId } from "~/platform/ids.server";
import * as SQL from "./sql.server";
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

/** The reads of the hot path on one connection; every statement compiled once. */
export function sqliteReads(conn: Database.Database): ExamReads {
  const login = conn.prepare<[string], LoginRow>(SQL.LOGIN_SQL);
  const session = conn.prepare<[string], SessionRow>(SQL.SESSION_SQL);
  const paper = conn.prepare<[string], PaperRow>(SQL.PAPER_SQL);
  const order = conn.prepare<[string], { itemOrder: string }>(SQL.ITEM_ORDER_SQL);
  const answers = conn.prepare<[string], { itemId: string; value: string }>(SQL.ANSWERS_SQL);
  const attempt = conn.prepare<[string], { activeWindow: string | null; status: string }>(SQL.ATTEMPT_STATE_SQL);
  const answer = conn.prepare<[string, string], { windowId: string; seq: number; savedAt: string }>(SQL.ANSWER_ROW_SQL);
  const openRooms = conn.prepare<[], Awaited<ReturnType<ExamReads["openRooms"]>>[number]>(SQL.OPEN_ROOMS_SQL);
  const inProgress = conn.prepare<[string], Awaited<ReturnType<ExamReads["inProgressOfRoom"]>>[number]>(SQL.IN_PROGRESS_SQL);
  const one = conn.prepare<[], { one: number }>(SQL.PING_SQL);
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
  const insertAttempt = conn.prepare(SQL.INSERT_ATTEMPT_SQL);
  const attemptOf = conn.prepare<[string], { id: string }>(SQL.ATTEMPT_OF_SQL);
  const insertSession = conn.prepare(SQL.INSERT_SESSION_SQL);
  const insertAudit = conn.prepare(SQL.INSERT_AUDIT_SQL);
  const claim = conn.prepare(SQL.CLAIM_SQL);
  const save = conn.prepare(SQL.SAVE_SQL);
  const toFinalize = conn.prepare<[string], { status: string; paperId: string | null }>(SQL.TO_FINALIZE_SQL);
  const answersOf = conn.prepare<[string], { itemId: string; value: string }>(SQL.ANSWERS_SQL);
  const paperRow = conn.prepare<[string], PaperRow>(SQL.PAPER_SQL);
  const submit = conn.prepare(SQL.SUBMIT_SQL);
  const gradable = SQL.gradableCache();
  const gradableOf = (paperId: string) => {
    const hit = gradable.get(paperId);
    if (hit) return hit;
    const row = paperRow.get(paperId);
    if (!row) throw new Error(`paper ${paperId} not found`);
    return gradable.put(row);
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
        const grade = SQL.gradeStored(gradableOf(row.paperId), answersOf.all(op.attemptId));
        const changed = submit.run(op.at, op.reason, grade.total, grade.passed ? 1 : 0, grade.areaScores, op.attemptId).changes;
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
