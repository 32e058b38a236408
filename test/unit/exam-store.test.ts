// The exam store on the real SQLite file: group commit acknowledges only after COMMIT, answers
// are written with synchronous=FULL, one bad write fails alone, a write lock held by another
// process is waited out, finalizing counts every acknowledged save once, and 0:00 in bulk.
import { beforeAll, describe, expect, it } from "vitest";
import { gradableItems, paperOf } from "~/domain/paper";
import { importBank, loadBankFromDisk } from "~/features/bank/index.server";
import { finalizeDue } from "~/features/exam-taking/store/deadlines.server";
import { GroupCommitWriter } from "~/features/exam-taking/store/group-commit.server";
import { examStore, storeFile } from "~/features/exam-taking/store/index.server";
import { isoTime, openConnection, sqliteReads, sqliteWriteSteps } from "~/features/exam-taking/store/sqlite.server";
import type { WriteOp, WriteResult } from "~/features/exam-taking/store/types";
import { openRoom } from "~/features/sittings/service.server";
import { db, ensureDbReady } from "~/platform/db.server";
import { noLate, roomOf, scenario, startAttempt } from "../support/sitting-scenario";

beforeAll(async () => {
  const bank = loadBankFromDisk();
  await importBank(db, bank.items, bank.version);
});

function writer(options: ConstructorParameters<typeof GroupCommitWriter>[2] = {}) {
  const conn = openConnection(storeFile(), "write");
  return { conn, w: new GroupCommitWriter<WriteOp, WriteResult>(conn, sqliteWriteSteps(conn), options) };
}

/** An open room with `n` candidates signed in; the first attempt claimed by window "window-one". */
async function signedIn(code: string, n: number, openedAt = new Date()) {
  const s = await scenario(code, openedAt, n);
  await openRoom(await roomOf(s.roomId), s.p1, openedAt, noLate);
  const attempts = [];
  for (const p of s.people) attempts.push(await startAttempt(s.roomId, p.id, openedAt));
  await examStore().write({ kind: "claim", attemptId: attempts[0], windowId: "window-one" });
  const sitting = await db.sitting.findUniqueOrThrow({ where: { id: s.sittingId }, include: { paper: true } });
  const items = gradableItems(paperOf(sitting.paper!).items);
  return { ...s, attempts, items };
}

const save = (attemptId: string, itemId: string, value: unknown, seq: number): Extract<WriteOp, { kind: "save" }> => ({
  kind: "save",
  attemptId,
  itemId,
  value: JSON.stringify(value),
  windowId: "window-one",
  seq,
  savedAt: isoTime(new Date()),
});

describe("exam store (SQLite)", () => {
  it("writes answers with synchronous=FULL, on its own connection and on Prisma's", async () => {
    const { conn } = writer();
    expect(conn.pragma("synchronous", { simple: true })).toBe(2);
    expect(conn.pragma("journal_mode", { simple: true })).toBe("wal");
    await ensureDbReady();
    const [row] = await db.$queryRawUnsafe<{ synchronous: bigint | number }[]>("PRAGMA synchronous");
    expect(Number(row.synchronous)).toBe(2);
    conn.close();
  });

  it("acknowledges saves that arrive together in one transaction, and only after it has committed", async () => {
    const s = await signedIn("ESA", 1);
    const reads = sqliteReads(openConnection(storeFile(), "read"));
    const events: string[] = [];
    const { w, conn } = writer({ onCommit: (size) => events.push(`commit ${size}`) });
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
    // Another connection already sees every answer of the batch when the first is acknowledged.
    expect(visibleAtFirstAck).toBe(12);
    conn.close();
  });

  it("fails one bad write alone and commits the rest of its batch", async () => {
    const s = await signedIn("ESB", 1);
    const { w, conn } = writer();
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
    conn.close();
  });

  it("waits, without blocking, while another connection holds the write lock", async () => {
    const s = await signedIn("ESC", 1);
    const other = openConnection(storeFile(), "write");
    other.prepare("BEGIN IMMEDIATE").run();
    const { w, conn } = writer();
    const pending = w.write(save(s.attempts[0], s.items[0].id, null, 1));
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 5);
    await new Promise((r) => setTimeout(r, 80));
    other.prepare("COMMIT").run();
    expect(await pending).toEqual({ kind: "save", written: true });
    clearInterval(ticker);
    expect(w.stats.busyRetries).toBeGreaterThan(0);
    expect(ticks).toBeGreaterThan(5); // the event loop kept running while the write waited
    other.close();
    conn.close();
  });

  it("ignores a stale window and an older sequence number", async () => {
    const s = await signedIn("ESD", 1);
    const store = examStore();
    const [a, b] = s.items.filter((i) => i.type === "判断");
    expect(await store.write(save(s.attempts[0], a.id, "正确", 5))).toEqual({ kind: "save", written: true });
    expect(await store.write(save(s.attempts[0], a.id, "错误", 4))).toEqual({ kind: "save", written: false });
    expect(await store.write({ ...save(s.attempts[0], b.id, "正确", 1), windowId: "window-two" })).toEqual({
      kind: "save",
      written: false,
    });
    expect((await store.answers(s.attempts[0])).map((x) => x.value)).toEqual([JSON.stringify("正确")]);
  });

  it("grades on finalize with every acknowledged save, once", async () => {
    const s = await signedIn("ESE", 1);
    const store = examStore();
    const right = s.items.slice(0, 6);
    await Promise.all(right.map((it, i) => store.write(save(s.attempts[0], it.id, it.key, i + 1))));
    const at = isoTime(new Date());
    const [first, second] = await Promise.all([
      store.write({ kind: "finalize", attemptId: s.attempts[0], reason: "manual", at, audit: null }),
      store.write({ kind: "finalize", attemptId: s.attempts[0], reason: "manual", at, audit: null }),
    ]);
    expect([first.submitted, second.submitted].sort()).toEqual([false, true]);
    const attempt = await db.attempt.findUniqueOrThrow({ where: { id: s.attempts[0] } });
    expect(attempt.status).toBe("submitted");
    expect(attempt.score).toBe(right.reduce((sum, it) => sum + it.points, 0));
    // After the submit nothing more is written.
    expect(await store.write(save(s.attempts[0], s.items[7].id, s.items[7].key, 99))).toEqual({ kind: "save", written: false });
  });

  it("submits every overdue attempt at 0:00, keeping a queued candidate's credited time", async () => {
    const opened = new Date(Date.now() - 61 * 60_000); // a 60-minute sitting, past its grace
    const s = await signedIn("ESF", 3, opened);
    await db.attempt.update({ where: { id: s.attempts[2] }, data: { queuedMs: 5 * 60_000 } });
    const store = examStore();
    const submitted = await finalizeDue(store, store, new Date());
    expect(submitted).toBeGreaterThanOrEqual(2);
    const rows = await db.attempt.findMany({ where: { id: { in: s.attempts } }, orderBy: { id: "asc" } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(s.attempts[0])).toMatchObject({ status: "submitted", submitReason: "deadline" });
    expect(byId.get(s.attempts[1])).toMatchObject({ status: "submitted", submitReason: "deadline" });
    expect(byId.get(s.attempts[2])?.status).toBe("in_progress");
    expect(await finalizeDue(store, store, new Date())).toBe(0);
  });
});
