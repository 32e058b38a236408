// The exam page's offline-sync engine against a scripted server: queue, retry, resend after a
// reload, takeover by another window, and the server's clock.
import { describe, expect, it } from "vitest";
import { AnswerSync, remainingMs, storageKey, type ServerClock, type SyncResponse } from "~/features/exam-taking/answer-sync";

const clock = (serverNow: number, deadline: number | null = serverNow + 60_000, phase = "running"): ServerClock => ({
  phase,
  serverNow,
  deadline,
  graceMs: 15_000,
});

type Call = { op: string; itemId?: string; value?: unknown; seq?: number; windowId?: string };

/** A fake exam API: answers per request with a handler; records every request. */
function harness(opts: { stored?: string; handler?: (c: Call) => SyncResponse | "offline"; now?: number } = {}) {
  const calls: Call[] = [];
  const storage = new Map<string, string>();
  if (opts.stored) storage.set(storageKey("att1"), opts.stored);
  const t = opts.now ?? 1_000_000;
  let done = 0;
  let reclaimed = 0;
  let releases: (() => void)[] = [];
  let hold = false;
  let activeWindow = "window-0001";
  const handler =
    opts.handler ??
    ((c: Call): SyncResponse =>
      c.op === "claim" ? { status: 200, json: { clock: clock(t), answers: {} } } : { status: 200, json: { savedAt: t, clock: clock(t) } });
  const sync = new AnswerSync(
    "att1",
    { answers: {}, clock: clock(t) },
    {
      post: async (body) => {
        const c = body as Call;
        calls.push(c);
        if (hold && c.op === "save") await new Promise<void>((r) => releases.push(r));
        const r = handler(c);
        if (r === "offline") throw new TypeError("fetch failed");
        return r;
      },
      poll: async () => ({ status: "in_progress", activeWindow, clock: clock(t + 5000) }),
      storage: {
        getItem: (k) => storage.get(k) ?? null,
        setItem: (k, v) => void storage.set(k, v),
        removeItem: (k) => void storage.delete(k),
      },
      now: () => t,
      newWindowId: () => "window-0001",
      onDone: () => void done++,
      onReclaimed: () => void reclaimed++,
    },
  );
  return {
    sync,
    calls,
    storage,
    saves: () => calls.filter((c) => c.op === "save"),
    stored: () => JSON.parse(storage.get(storageKey("att1")) ?? "{}") as Record<string, { value: unknown; seq: number }>,
    done: () => done,
    reclaimed: () => reclaimed,
    takeOver: (w: string) => void (activeWindow = w),
    holdSaves: () => void (hold = true),
    releaseSaves: () => {
      hold = false;
      const r = releases;
      releases = [];
      for (const f of r) f();
    },
  };
}

describe("answer sync", () => {
  it("claims the window, then saves an answer and forgets it once acknowledged", async () => {
    const h = harness();
    await h.sync.start();
    expect(h.calls[0]).toEqual({ op: "claim", windowId: "window-0001" });
    expect(h.sync.getState().ready).toBe(true);
    await h.sync.choose("q1", "A");
    expect(h.saves()).toHaveLength(1);
    expect(h.saves()[0]).toMatchObject({ itemId: "q1", value: "A", windowId: "window-0001" });
    expect(h.sync.getState().pendingCount).toBe(0);
    expect(h.stored()).toEqual({});
    expect(h.sync.getState().savedAt).toBe(1_000_000);
  });

  it("keeps an answer pending while offline and sends it on the next flush", async () => {
    let offline = true;
    const h = harness({
      handler: (c) =>
        c.op === "claim"
          ? { status: 200, json: { clock: clock(1), answers: {} } }
          : offline
            ? "offline"
            : { status: 200, json: { savedAt: 7 } },
    });
    await h.sync.start();
    await h.sync.choose("q1", "B");
    expect(h.sync.getState().online).toBe(false);
    expect(h.sync.getState().pendingCount).toBe(1);
    expect(h.stored().q1.value).toBe("B");
    offline = false;
    await h.sync.flush();
    expect(h.sync.getState()).toMatchObject({ online: true, pendingCount: 0 });
    expect(h.saves().map((s) => s.value)).toEqual(["B", "B"]);
  });

  it("after a reload, merges the device's unsent answers over the server's and resends them with higher sequence numbers", async () => {
    const stored = JSON.stringify({ q2: { value: ["A", "C"], seq: 5 } });
    const h = harness({
      stored,
      now: 2_000_000,
      handler: (c) =>
        c.op === "claim"
          ? { status: 200, json: { clock: clock(2_000_000), answers: { q1: "D", q2: ["B"] } } }
          : { status: 200, json: { savedAt: 9 } },
    });
    await h.sync.start();
    expect(h.sync.getState().answers).toEqual({ q1: "D", q2: ["A", "C"] });
    await h.sync.flush();
    const resent = h.saves().find((s) => s.itemId === "q2")!;
    expect(resent.value).toEqual(["A", "C"]);
    // Renumbered above this window's starting point (the local time), so it wins over older saves.
    expect(resent.seq).toBeGreaterThan(2_000_000);
    expect(h.sync.getState().pendingCount).toBe(0);
  });

  it("sends one save per question at a time and the newest change after the one in flight", async () => {
    const h = harness();
    await h.sync.start();
    h.holdSaves();
    const first = h.sync.choose("q1", "A");
    const second = h.sync.choose("q1", "C"); // returns the request in flight
    expect(h.saves()).toHaveLength(1);
    h.releaseSaves();
    await Promise.all([first, second]);
    // The acknowledgement was for "A": "C" is still pending…
    expect(h.sync.getState().pendingCount).toBe(1);
    await h.sync.flush();
    // …and goes out on the next flush.
    expect(h.saves().map((s) => s.value)).toEqual(["A", "C"]);
    expect(h.sync.getState().pendingCount).toBe(0);
  });

  it("stops saving when another window holds the attempt, keeping the answer pending", async () => {
    const h = harness({
      handler: (c) =>
        c.op === "claim" ? { status: 200, json: { clock: clock(1), answers: {} } } : { status: 409, json: { message: "另一个窗口" } },
    });
    await h.sync.start();
    await h.sync.choose("q1", "A");
    expect(h.sync.getState().superseded).toBe(true);
    await h.sync.choose("q2", "B");
    expect(h.saves()).toHaveLength(1);
    expect(h.sync.getState().pendingCount).toBe(2);
  });

  it("a poll that shows another active window marks this one superseded; a submitted attempt hands over", async () => {
    const h = harness();
    await h.sync.start();
    await h.sync.poll();
    expect(h.sync.getState().superseded).toBe(false);
    h.takeOver("window-0002");
    await h.sync.poll();
    expect(h.sync.getState().superseded).toBe(true);
    const h2 = harness({
      handler: (c) => (c.op === "claim" ? { status: 410, json: { status: "submitted" } } : { status: 200, json: {} }),
    });
    await h2.sync.start();
    expect(h2.done()).toBe(1);
  });

  it("keeps a save refused during a pause (423) for the retry", async () => {
    let paused = true;
    const h = harness({
      handler: (c) =>
        c.op === "claim"
          ? { status: 200, json: { clock: clock(1), answers: {} } }
          : paused
            ? { status: 423, json: { clock: clock(1, 61_000, "paused") } }
            : { status: 200, json: { savedAt: 2 } },
    });
    await h.sync.start();
    await h.sync.choose("q1", "A");
    expect(h.sync.getState().pendingCount).toBe(1);
    expect(h.sync.getState().clock.phase).toBe("paused");
    paused = false;
    await h.sync.flush();
    expect(h.sync.getState().pendingCount).toBe(0);
  });

  it("submits only after the saves in flight and the pending ones are sent, then clears the device's copy", async () => {
    const h = harness();
    await h.sync.start();
    h.holdSaves();
    const saving = h.sync.choose("q1", "A");
    const submitting = h.sync.submit();
    await Promise.resolve();
    expect(h.calls.some((c) => c.op === "submit")).toBe(false);
    h.releaseSaves();
    await Promise.all([saving, submitting]);
    const ops = h.calls.map((c) => c.op);
    expect(ops.indexOf("submit")).toBeGreaterThan(ops.indexOf("save"));
    expect(h.storage.has(storageKey("att1"))).toBe(false);
    // The 200 alone shows 已交卷: no reload of the page's route, and no more polls.
    expect(h.sync.getState().submitted).toEqual({ reason: null });
    expect(h.done()).toBe(0);
    const before = h.calls.length;
    await h.sync.poll();
    expect(h.calls.length).toBe(before);
  });

  it("shows how the attempt ended from the submit's answer, and a 410 hands over to the page", async () => {
    const h = harness({
      handler: (c) =>
        c.op === "claim"
          ? { status: 200, json: { clock: clock(1), answers: {} } }
          : { status: 200, json: { status: "submitted", reason: "deadline" } },
    });
    await h.sync.start();
    await h.sync.submit();
    expect(h.sync.getState().submitted).toEqual({ reason: "deadline" });
    let submitStatus = 200;
    const h2 = harness({
      handler: (c) => (c.op === "claim" ? { status: 200, json: { clock: clock(1), answers: {} } } : { status: submitStatus, json: {} }),
    });
    await h2.sync.start();
    submitStatus = 410;
    await h2.sync.submit();
    expect(h2.sync.getState().submitted).toBeNull();
    expect(h2.done()).toBe(1);
  });

  it("a submit refused because another window holds the attempt keeps this window's pending answers", async () => {
    let refuse = false;
    const h = harness({
      handler: (c) =>
        c.op === "claim"
          ? { status: 200, json: { clock: clock(1), answers: {} } }
          : refuse
            ? { status: 409, json: { message: "本场考试已在另一个窗口打开，请在该窗口交卷。" } }
            : { status: 200, json: { savedAt: 2 } },
    });
    await h.sync.start();
    refuse = true;
    await h.sync.choose("q1", "A");
    await h.sync.submit();
    expect(h.sync.getState().superseded).toBe(true);
    expect(h.sync.getState().submitted).toBeNull();
    expect(h.stored()).toHaveProperty("q1");
    expect(h.done()).toBe(0);
  });

  it("takes the attempt back on request", async () => {
    const h = harness();
    await h.sync.start();
    await h.sync.reclaim();
    expect(h.calls.filter((c) => c.op === "claim")).toHaveLength(2);
    expect(h.reclaimed()).toBe(1);
  });

  it("counts down on the server's clock, not the device's", async () => {
    // The device's clock is 30 s behind the server.
    const h = harness({
      now: 1_000_000,
      handler: (c) =>
        c.op === "claim" ? { status: 200, json: { clock: clock(1_030_000, 1_090_000), answers: {} } } : { status: 200, json: {} },
    });
    await h.sync.start();
    const { clock: c, offset } = h.sync.getState();
    expect(offset).toBe(30_000);
    expect(remainingMs(c, 1_000_000, offset)).toBe(60_000);
    // While paused, the time left is frozen at the server's value.
    expect(remainingMs({ ...c, phase: "paused" }, 1_050_000, offset)).toBe(60_000);
  });
});
