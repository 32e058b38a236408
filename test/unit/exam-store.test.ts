// The exam store on the real SQLite file: group commit acknowledges only after COMMIT, answers
// are written with synchronous=FULL, one bad write fails alone, a write lock held by another
// process is waited out. What both databases must do: exam-store-contract.test.ts.
import { beforeAll, describe, expect, it } from "vitest";
import { importBank, loadBankFromDisk } from "~/features/bank/index.server";
import { GroupCommitWriter } from "~/features/exam-taking/store/group-commit.server";
import { storeFile } from "~/features/exam-taking/store/index.server";
import { isoTime, openConnection, sqliteReads, sqliteWriteSteps } from "~/features/exam-taking/store/sqlite.server";
import type { WriteOp, WriteResult } from "~/features/exam-taking/store/types";
import { db, ensureDbReady } from "~/platform/db.server";
import { save, signedIn } from "../support/exam-store-fixtures";

beforeAll(async () => {
  const bank = loadBankFromDisk();
  await importBank(db, bank.items, bank.version);
});

function writer(options: ConstructorParameters<typeof GroupCommitWriter>[2] = {}) {
  const conn = openConnection(storeFile(), "write");
  return { conn, w: new GroupCommitWriter<WriteOp, WriteResult>(conn, sqliteWriteSteps(conn), options) };
}

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
});
