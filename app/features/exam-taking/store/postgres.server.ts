// The exam store on PostgreSQL (and openGauss / KingbaseES): the statements of sql.ts as named
// prepared statements on `pg`, a read pool and a write pool per process. Unlike SQLite, every
// process of every node writes itself: PostgreSQL takes concurrent writers, and the row locks of
// sql.ts (FOR SHARE on a save, FOR UPDATE on a finalize) keep a save from committing after its
// attempt was graded, whichever nodes the two ran on.
import pg from "pg";
import { nextSlot, slotDecision } from "~/domain/admission";
import { postgresConnection, type PostgresTarget } from "~/platform/config.server";
import { newId } from "~/platform/ids.server";
import * as SQL from "./sql.server";
import type { AuditRow, ExamAdmission, ExamReads, LoginRow, PaperRow, SessionRow, WriteOp, WriteResult } from "./types";

const TIMESTAMP_OID = 1114;
const INT8_OID = 20;

/**
 * Prisma writes DateTime as TIMESTAMP(3) in UTC. `pg` would read it as the process's local time;
 * here it stays the UTC instant, as the ISO string the SQLite side reads (see isoTime).
 */
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === TIMESTAMP_OID && format !== "binary") return (v: string) => `${v.replace(" ", "T")}+00:00`;
    // BIGINT (an answer's sequence number): a number, as on SQLite; the schema keeps it below 2^53.
    if (oid === INT8_OID && format !== "binary") return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as "text");
  },
} as pg.CustomTypesConfig;

/**
 * A pool on the target. synchronous_commit=on whatever the server's default: a COMMIT returns
 * once its WAL record is flushed to disk, so an acknowledged answer survives a power cut.
 */
export function openPool(target: PostgresTarget, max: number): pg.Pool {
  const conn = postgresConnection(target);
  const pool = new pg.Pool({
    ...conn,
    options: [conn.options, "-c synchronous_commit=on"].filter(Boolean).join(" "),
    max,
    types,
    connectionTimeoutMillis: 5_000,
  });
  // An idle client whose server went away (a database restart): the pool drops it and opens a new one.
  pool.on("error", (e) => console.error("PostgreSQL 连接已断开，将重新连接：", e.message));
  return pool;
}

/** A named prepared statement: parsed once per connection, then only executed. */
function statement(name: string, sql: string) {
  const text = SQL.numbered(sql);
  return (values: unknown[]) => ({ name: `zw_${name}`, text, values });
}

const S = {
  login: statement("login", SQL.LOGIN_SQL),
  session: statement("session", SQL.SESSION_SQL),
  paper: statement("paper", SQL.PAPER_SQL),
  order: statement("order", SQL.ITEM_ORDER_SQL),
  answers: statement("answers", SQL.ANSWERS_SQL),
  attempt: statement("attempt", SQL.ATTEMPT_STATE_SQL),
  answer: statement("answer", SQL.ANSWER_ROW_SQL),
  openRooms: statement("open_rooms", SQL.OPEN_ROOMS_SQL),
  inProgress: statement("in_progress", SQL.IN_PROGRESS_SQL),
  ping: statement("ping", SQL.PING_SQL),
  insertAttempt: statement("insert_attempt", SQL.INSERT_ATTEMPT_SQL),
  attemptOf: statement("attempt_of", SQL.ATTEMPT_OF_SQL),
  insertSession: statement("insert_session", SQL.INSERT_SESSION_SQL),
  insertAudit: statement("insert_audit", SQL.INSERT_AUDIT_SQL),
  claim: statement("claim", SQL.CLAIM_SQL),
  save: statement("save", SQL.SAVE_SQL_LOCKING),
  lockAttempt: statement("lock_attempt", SQL.LOCK_ATTEMPT_SQL),
  toFinalize: statement("to_finalize", SQL.TO_FINALIZE_SQL),
  submit: statement("submit", SQL.SUBMIT_SQL),
};

export function postgresReads(pool: pg.Pool): ExamReads {
  const rows = async <T extends pg.QueryResultRow>(q: pg.QueryConfig) => (await pool.query<T>(q)).rows;
  return {
    loginRow: async (ticket) => (await rows<LoginRow>(S.login([ticket])))[0],
    sessionRow: async (id) => (await rows<SessionRow>(S.session([id])))[0],
    async paper(id) {
      const row = (await rows<PaperRow>(S.paper([id])))[0];
      if (!row) throw new Error(`paper ${id} not found`);
      return row;
    },
    async itemOrder(id) {
      const row = (await rows<{ itemOrder: string }>(S.order([id])))[0];
      if (!row) throw new Error(`attempt ${id} not found`);
      return row.itemOrder;
    },
    answers: (id) => rows(S.answers([id])),
    attemptState: async (id) => (await rows<{ activeWindow: string | null; status: string }>(S.attempt([id])))[0],
    answerRow: async (id, itemId) => (await rows<{ windowId: string; seq: number; savedAt: string }>(S.answer([id, itemId])))[0],
    openRooms: () => rows(S.openRooms([])),
    inProgressOfRoom: (roomId) => rows(S.inProgress([roomId])),
    ping: async () => (await rows<{ one: number }>(S.ping([])))[0]?.one === 1,
  };
}

/** The write operations of the hot path, each run on the writer's client inside its transaction. */
export function postgresWriteSteps(): (client: pg.PoolClient, op: WriteOp) => Promise<WriteResult> {
  const gradable = SQL.gradableCache();
  const audit = (c: pg.PoolClient, a: AuditRow) => c.query(S.insertAudit([newId(), a.at, a.centerId, a.action, a.target, a.ip, a.detail]));
  return async (c, op) => {
    switch (op.kind) {
      case "signIn": {
        if (op.attempt)
          await c.query(
            S.insertAttempt([op.attempt.id, op.registrationId, op.attempt.itemOrder, op.attempt.startedAt, op.attempt.queuedMs]),
          );
        const attempt = (await c.query<{ id: string }>(S.attemptOf([op.registrationId]))).rows[0];
        if (!attempt) throw new Error("sign-in without an attempt");
        await c.query(S.insertSession([op.session.id, op.registrationId, op.session.createdAt, op.session.expiresAt]));
        await audit(c, op.audit);
        return { kind: "signIn", attemptId: attempt.id };
      }
      case "claim":
        return { kind: "claim", changed: ((await c.query(S.claim([op.windowId, op.attemptId]))).rowCount ?? 0) > 0 };
      case "save": {
        const r = await c.query(S.save([op.itemId, op.value, op.windowId, op.seq, op.savedAt, op.attemptId, op.windowId]));
        return { kind: "save", written: (r.rowCount ?? 0) > 0 };
      }
      case "finalize": {
        // Held until this transaction ends: saves of this attempt wait, then find it submitted.
        await c.query(S.lockAttempt([op.attemptId]));
        const row = (await c.query<{ status: string; paperId: string | null }>(S.toFinalize([op.attemptId]))).rows[0];
        if (!row || row.status !== "in_progress" || !row.paperId) return { kind: "finalize", submitted: false };
        let items = gradable.get(row.paperId);
        if (!items) {
          const paper = (await c.query<PaperRow>(S.paper([row.paperId]))).rows[0];
          if (!paper) throw new Error(`paper ${row.paperId} not found`);
          items = gradable.put(paper);
        }
        const stored = (await c.query<{ itemId: string; value: string }>(S.answers([op.attemptId]))).rows;
        const grade = SQL.gradeStored(items, stored);
        const r = await c.query(S.submit([op.at, op.reason, grade.total, grade.passed, grade.areaScores, op.attemptId]));
        const submitted = (r.rowCount ?? 0) > 0;
        if (submitted && op.audit) await audit(c, op.audit);
        return { kind: "finalize", submitted };
      }
    }
  };
}

type Pending<Op, Result> = { op: Op; resolve: (r: Result) => void; reject: (e: unknown) => void };

export type PgGroupCommitOptions = {
  /** Writes per transaction at most. */
  maxBatch?: number;
  /** Transactions in flight at once: while one waits for its WAL flush, the next runs its statements. */
  concurrency?: number;
  /** Called after each commit, before the acknowledgements (tests use it to check the order). */
  onCommit?: (size: number) => void;
};

/** A deadlock or a serialization failure: PostgreSQL undid the transaction, and running it again is safe. */
function isTransient(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === "40P01" || code === "40001";
}

/**
 * Group commit on PostgreSQL, the same contract as GroupCommitWriter on SQLite: the writes that
 * arrive while a transaction runs share the next one, and each is acknowledged only after the
 * COMMIT of its transaction returned (WAL flushed, synchronous_commit=on). A write whose batch
 * could not be committed — the database restarting, the connection lost, the outcome of a COMMIT
 * unknown — is rejected, and the page sends it again: every write is idempotent (a save carries
 * its window and sequence number, a finalize changes only an attempt in progress).
 */
export class PgGroupCommitWriter<Op, Result> {
  private queue: Pending<Op, Result>[] = [];
  private running = 0;
  readonly stats = { batches: 0, writes: 0, largestBatch: 0, retries: 0 };

  constructor(
    private readonly pool: pg.Pool,
    private readonly step: (client: pg.PoolClient, op: Op) => Promise<Result>,
    private readonly options: PgGroupCommitOptions = {},
  ) {}

  write(op: Op): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ op, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves once everything queued so far is committed or failed (graceful shutdown). */
  async drain(): Promise<void> {
    while (this.queue.length > 0 || this.running > 0) await new Promise((r) => setTimeout(r, 2));
  }

  private schedule() {
    if (this.running >= (this.options.concurrency ?? 2)) return;
    this.running++;
    // setImmediate: everything that arrived in this turn of the event loop joins the batch.
    setImmediate(() => void this.loop());
  }

  private async loop() {
    try {
      while (this.queue.length > 0) await this.run(this.queue.splice(0, this.options.maxBatch ?? 256));
    } finally {
      this.running--;
    }
  }

  private async run(batch: Pending<Op, Result>[]) {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (e) {
      for (const p of batch) p.reject(e);
      return;
    }
    let broken: Error | undefined;
    // A connection lost while checked out is reported as an event as well as through the query
    // that fails: without a listener the event would end the process.
    const lost = (e: Error) => (broken = e);
    client.on("error", lost);
    try {
      await client.query("BEGIN");
      const results: Result[] = [];
      for (let i = 0; i < batch.length; i++) {
        try {
          results.push(await this.step(client, batch[i].op));
        } catch (e) {
          await client.query("ROLLBACK");
          if (isTransient(e)) {
            // Another node's transaction held what this one needed: all of it again, first in line.
            this.stats.retries++;
            this.queue.unshift(...batch);
          } else {
            // One bad write must not take the others down: fail the one, retry the rest.
            batch[i].reject(e);
            this.queue.unshift(...batch.slice(0, i), ...batch.slice(i + 1));
          }
          return;
        }
      }
      await client.query("COMMIT");
      this.stats.batches++;
      this.stats.writes += batch.length;
      this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length);
      this.options.onCommit?.(batch.length);
      for (let i = 0; i < batch.length; i++) batch[i].resolve(results[i]);
    } catch (e) {
      // BEGIN, COMMIT or ROLLBACK failed: the connection is gone; nothing of the batch is acknowledged.
      broken = e instanceof Error ? e : new Error(String(e));
      for (const p of batch) p.reject(e);
    } finally {
      client.off("error", lost);
      client.release(broken);
    }
  }
}

// The deployment's one start queue (domain/admission.ts nextSlot, the same formula) on the
// database's clock: the clock row's UPDATE takes its row lock, so concurrent newcomers on any node
// get consecutive slots in one round trip. $2 the slot interval, $3 the burst's span.
const DB_NOW_MS = "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS DOUBLE PRECISION)";
const ISSUE_SLOT_SQL = `
WITH now AS (SELECT ${DB_NOW_MS} AS "ms"),
slot AS (
  INSERT INTO "ExamAdmissionClock" ("id", "nextFreeMs") SELECT 'exam', "ms" - $3::float8 + $2::float8 FROM now
  ON CONFLICT ("id") DO UPDATE
    SET "nextFreeMs" = GREATEST("ExamAdmissionClock"."nextFreeMs", (SELECT "ms" FROM now) - $3::float8) + $2::float8
  RETURNING "nextFreeMs" - $2::float8 AS "admitAtMs"
)
INSERT INTO "ExamAdmissionTicket" ("key", "firstSeenMs", "admitAtMs") SELECT $1, now."ms", slot."admitAtMs" FROM slot, now
ON CONFLICT ("key") DO UPDATE SET "key" = EXCLUDED."key"
RETURNING "firstSeenMs", "admitAtMs", "firstSeenMs" AS "nowMs"`;
const TICKET_SQL = `SELECT "firstSeenMs", "admitAtMs", ${DB_NOW_MS} AS "nowMs" FROM "ExamAdmissionTicket" WHERE "key" = $1`;
const DROP_TICKET_SQL = `DELETE FROM "ExamAdmissionTicket" WHERE "key" = $1`;
const STALE_TICKETS_SQL = `DELETE FROM "ExamAdmissionTicket" WHERE "admitAtMs" < ${DB_NOW_MS} - 86400000`;

/**
 * The start queue on PostgreSQL, shared by every process of every node: a ticket per waiting
 * candidate and one clock row, nothing in memory; times from the database's clock (the node's
 * own `askedAt` only paces the sweep of forgotten tickets). A poll of a waiting candidate is one
 * indexed read; only a newcomer writes.
 */
export function postgresAdmission(pool: pg.Pool, capacity: () => { perSecond: number; source: string }): ExamAdmission {
  const issue = { name: "zw_issue_slot", text: ISSUE_SLOT_SQL };
  const ticketOf = { name: "zw_ticket", text: TICKET_SQL };
  const drop = { name: "zw_drop_ticket", text: DROP_TICKET_SQL };
  let sweptAt = 0;
  return {
    capacity,
    async request(key, askedAt) {
      const { perSecond } = capacity();
      type Ticket = { firstSeenMs: number; admitAtMs: number; nowMs: number };
      let ticket = (await pool.query<Ticket>({ ...ticketOf, values: [key] })).rows[0];
      if (!ticket) {
        const { interval, span } = nextSlot(null, 0, perSecond);
        ticket = (await pool.query<Ticket>({ ...issue, values: [key, interval, span] })).rows[0];
      }
      const decision = slotDecision(ticket, ticket.nowMs, perSecond);
      if (decision.admitted) await pool.query({ ...drop, values: [key] });
      // Tickets of candidates who never came back: swept now and then by whichever node is asked.
      if (askedAt - sweptAt > 10 * 60_000) {
        sweptAt = askedAt;
        await pool.query(STALE_TICKETS_SQL);
      }
      return decision;
    },
  };
}
