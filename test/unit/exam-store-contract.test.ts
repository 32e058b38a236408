// What the exam store does on either database (npm test runs it on SQLite, then on PostgreSQL):
// a stale window or an older sequence number writes nothing, finalizing counts every acknowledged
// save once, and 0:00 submits every overdue attempt in bulk.
import { beforeAll, describe, expect, it } from "vitest";
import { importBank, loadBankFromDisk } from "~/features/bank/index.server";
import { finalizeDue } from "~/features/exam-taking/store/deadlines.server";
import { examStore } from "~/features/exam-taking/store/index.server";
import { isoTime } from "~/features/exam-taking/store/sqlite.server";
import { db } from "~/platform/db.server";
import { save, signedIn } from "../support/exam-store-fixtures";

beforeAll(async () => {
  const bank = loadBankFromDisk();
  await importBank(db, bank.items, bank.version);
});

describe(`exam store (${process.env.TEST_DB === "postgresql" ? "PostgreSQL" : "SQLite"})`, () => {
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

  it("keeps a sequence number taken from the page's clock, beyond 32 bits", async () => {
    const s = await signedIn("ESG", 1);
    const store = examStore();
    const seq = Date.UTC(2026, 11, 6) + 17; // answer-sync.ts starts counting at Date.now()
    expect(await store.write(save(s.attempts[0], s.items[0].id, null, seq))).toEqual({ kind: "save", written: true });
    expect(await store.write(save(s.attempts[0], s.items[0].id, null, seq))).toEqual({ kind: "save", written: false });
    expect((await store.answerRow(s.attempts[0], s.items[0].id))?.seq).toBe(seq);
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
