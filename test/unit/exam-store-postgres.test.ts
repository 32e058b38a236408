// The exam store on a real PostgreSQL (npm test's PostgreSQL pass only): commits are durable
// (synchronous_commit=on on every connection), a save is acknowledged only after the COMMIT of its
// batch, one bad write fails alone, two nodes writing the same attempt never let a save commit
// after its grading, and a write whose connection is lost is rejected — then succeeds when resent.
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importBank, loadBankFromDisk } from "~/features/bank/index.server";
import {
  openPool,
  PgGroupCommitWriter,
  postgresAdmission,
  postgresReads,
  postgresWriteSteps,
} from "~/features/exam-taking/store/postgres.server";
import { isoTime } from "~/features/exam-taking/store/sqlite.server";
import type { WriteOp, WriteResult } from "~/features/exam-taking/store/types";
import { postgresConnection, postgresTarget } from "~/platform/config.server";
import { db } from "~/platform/db.server";
import { save, signedIn } from "../support/exam-store-fixtures";

const pools: pg.Pool[] = [];
function pool(max = 2) {
  const p = openPool(postgresTarget(), max);
  pools.push(p);
  return p;
}
/** One node's writer: its own pool, as each process of each node has. */
function node(options: ConstructorParameters<typeof PgGroupCommitWriter>[2] = {}) {
  const p = pool();
  return { pool: p, w: new PgGroupCommitWriter<WriteOp, WriteResult>(p, postgresWriteSteps(), options) };
}

beforeAll(async () => {
  const bank = loadBankFromDisk();
  await importBank(db, bank.items, bank.version);
});
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
});

describe("exam store (PostgreSQL)", () => {
  it("commits with synchronous_commit=on, whatever the server's default", async () => {
    const p = pool();
    const { rows } = await p.query<{ synchronous_commit: string }>("SHOW synchronous_commit");
    expect(rows[0].synchronous_commit).toBe("on");
  });

  it("acknowledges saves that arrive together in one transaction, and only after it has committed", async () => {
    const s = await signedIn("EPA", 1);
    const reads = postgresReads(pool());
    const events: string[] = [];
    const { w } = node({ onCommit: (size) => events.push(`commit ${size}`) });
    let visibleAtFirstAck = -1;
    const acks = s.items.slice(0, 12).map((it, i) =>
      w.write(save(s.attempts[0], it.id, null, i + 1)).then(async (r) => {
        if (visibleAtFirstAck < 0) visibleAtFirstAck = (await reads.answers(s.attempts[0])).length;
        events.push("ack");
        return r;
      }),
    );
    const results = await Promise.all(acks);
    expect(results.every((r) => r.kind === "save" && r.written)).toBe(true);
    expect(events[0]).toBe("commit 12");
    expect(events.slice(1)).toEqual(Array(12).fill("ack"));
    expect(w.stats).toMatchObject({ batches: 1, writes: 12, largestBatch: 12 });
    expect(visibleAtFirstAck).toBe(12);
    // The time read back is the instant written, whatever the process's time zone.
    const row = await reads.answerRow(s.attempts[0], s.items[0].id);
    expect(Math.abs(new Date(row!.savedAt).getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("drains on shutdown: once drain() resolves, every write accepted before it is committed", async () => {
    const s = await signedIn("EPG", 1);
    const { w } = node({ maxBatch: 4 });
    const settled: boolean[] = [];
    const writes = s.items.slice(0, 20).map((it, i) => w.write(save(s.attempts[0], it.id, null, i + 1)).finally(() => settled.push(true)));
    await w.drain();
    expect(settled).toHaveLength(20);
    expect(await db.answer.count({ where: { attemptId: s.attempts[0] } })).toBe(20);
    expect((await Promise.all(writes)).every((r) => r.kind === "save" && r.written)).toBe(true);
  });

  it("fails one bad write alone and commits the rest of its batch", async () => {
    const s = await signedIn("EPB", 1);
    const { w } = node();
    const good = w.write(save(s.attempts[0], s.items[0].id, null, 1));
    const bad = w.write({
      kind: "signIn",
      registrationId: "no-such-registration",
      attempt: null,
      session: { id: "x", createdAt: isoTime(new Date()), expiresAt: isoTime(new Date()) },
      audit: { action: "exam.login", at: isoTime(new Date()), centerId: null, target: null, ip: null, detail: null },
    });
    const alsoGood = w.write(save(s.attempts[0], s.items[1].id, null, 2));
    await expect(bad).rejects.toThrow();
    expect(await good).toEqual({ kind: "save", written: true });
    expect(await alsoGood).toEqual({ kind: "save", written: true });
    expect(await db.answer.count({ where: { attemptId: s.attempts[0] } })).toBe(2);
  });

  it("two nodes: every save acknowledged as written is in the grade, none commits after it", async () => {
    const s = await signedIn("EPC", 1);
    const [a, b] = [node(), node()];
    const items = s.items.slice(0, 40);
    // Node B saves right answers one batch after another while node A finalizes in between.
    const saves: Promise<WriteResult>[] = [];
    for (let i = 0; i < items.length; i++) {
      saves.push(b.w.write(save(s.attempts[0], items[i].id, items[i].key, i + 1)));
      if (i % 5 === 4) await new Promise((r) => setImmediate(r));
    }
    const finalize = a.w.write({ kind: "finalize", attemptId: s.attempts[0], reason: "manual", at: isoTime(new Date()), audit: null });
    const results = await Promise.all(saves);
    expect(await finalize).toEqual({ kind: "finalize", submitted: true });
    const written = items.filter((_, i) => (results[i] as { written: boolean }).written);
    const attempt = await db.attempt.findUniqueOrThrow({ where: { id: s.attempts[0] } });
    expect(attempt.score).toBe(written.reduce((sum, it) => sum + it.points, 0));
    expect(await db.answer.count({ where: { attemptId: s.attempts[0] } })).toBe(written.length);
  });

  it("rejects a write whose connection is lost, and writes it when it is sent again", async () => {
    const s = await signedIn("EPD", 1);
    const { pool: writerPool, w } = node();
    const other = pool(2);
    const holder = await other.connect();
    // Another session holds the attempt, so the save waits inside the writer's transaction …
    await holder.query("BEGIN");
    await holder.query(`SELECT "id" FROM "Attempt" WHERE "id" = $1 FOR UPDATE`, [s.attempts[0]]);
    const pending = w.write(save(s.attempts[0], s.items[0].id, s.items[0].key, 1));
    let pid: number | undefined;
    for (let i = 0; i < 100 && !pid; i++) {
      await new Promise((r) => setTimeout(r, 20));
      const { rows } = await other.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO "Answer"%'`,
      );
      pid = rows[0]?.pid;
    }
    expect(pid).toBeDefined();
    // … when its connection is cut (a database restart, a network failure).
    await other.query("SELECT pg_terminate_backend($1)", [pid]);
    await expect(pending).rejects.toThrow();
    await holder.query("ROLLBACK");
    holder.release();
    expect(await db.answer.count({ where: { attemptId: s.attempts[0] } })).toBe(0);
    // The page sends it again; the pool has replaced the lost connection.
    expect(await w.write(save(s.attempts[0], s.items[0].id, s.items[0].key, 1))).toEqual({ kind: "save", written: true });
    expect(writerPool.totalCount).toBeGreaterThan(0);
  });
});

describe("the start queue on PostgreSQL (shared by every node)", () => {
  it("admits a deployment's rate across nodes in arrival order, on the database's clock, with no queue state in any process", async () => {
    const cap = () => ({ perSecond: 2, source: "test" });
    const [a, b] = [postgresAdmission(pool(), cap), postgresAdmission(pool(), cap)];
    // The nodes' own clocks disagree by an hour: the queue does not care.
    const [clockA, clockB] = [Date.now(), Date.now() - 3_600_000];
    const keys = ["k1", "k2", "k3", "k4", "k5"];
    // Five newcomers at once, alternating between two nodes: a burst of 2 in, then one per 500 ms.
    const first = await Promise.all(keys.map((k, i) => (i % 2 ? b.request(k, clockB) : a.request(k, clockA))));
    expect(first.filter((d) => d.admitted)).toHaveLength(2);
    expect(first.flatMap((d) => (d.admitted ? [] : [d.position])).sort()).toEqual([1, 2, 3]);
    // A waiting candidate asks the other node: the same place, nothing issued twice.
    const waiting = keys.filter((_, i) => !first[i].admitted);
    const again = await Promise.all(waiting.map((k, i) => (i % 2 ? a.request(k, clockA) : b.request(k, clockB))));
    expect(again.map((d) => (d.admitted ? 0 : d.position)).sort()).toEqual([1, 2, 3]);
    // The head's slot comes 500 ms after the burst: then it is in, credited with about that wait.
    const head = waiting[again.findIndex((d) => !d.admitted && d.position === 1)];
    await new Promise((r) => setTimeout(r, 600));
    const turn = await b.request(head, clockB);
    expect(turn.admitted).toBe(true);
    if (turn.admitted) expect(turn.waitedMs).toBeGreaterThanOrEqual(400);
    const tickets = await db.examAdmissionTicket.findMany({ orderBy: { admitAtMs: "asc" } });
    expect(tickets.map((t) => t.key).sort()).toEqual(waiting.filter((k) => k !== head).sort());
    expect(tickets[1].admitAtMs - tickets[0].admitAtMs).toBeCloseTo(500, 3);
  });
});

describe("PostgreSQL connection settings", () => {
  it("puts the URL's schema first on every connection's search path", () => {
    const target = postgresTarget("postgresql://u:p@h:5432/d?schema=zw_a&sslmode=disable");
    expect(target).toEqual({ connectionString: "postgresql://u:p@h:5432/d?sslmode=disable", schema: "zw_a" });
    expect(postgresConnection(target).options).toBe('-c search_path="zw_a"');
    expect(() => postgresTarget('postgresql://h/d?schema=a";drop')).toThrow(/schema/);
  });
});
