import { describe, expect, it } from "vitest";
import { AdmissionGate, allAtOnceWaitSeconds, GRANT_TTL_MS, nextSlot, slotDecision, staggeredOpening } from "~/domain/admission";
import { clockState, examDeadline, type ClockInput } from "~/domain/exam-clock";

describe("AdmissionGate (the start queue)", () => {
  it("admits a burst of one second's capacity at once, then queues in arrival order", () => {
    const gate = new AdmissionGate(10);
    const t0 = 1_000_000;
    for (let i = 0; i < 10; i++) expect(gate.request(`c${i}`, t0)).toEqual({ admitted: true, waitedMs: 0 });
    const late = [10, 11, 12].map((i) => gate.request(`c${i}`, t0));
    expect(late.map((d) => (d.admitted ? 0 : d.position))).toEqual([1, 2, 3]);
    expect(late[2]).toMatchObject({ admitted: false, etaSeconds: 1 });
  });

  it("lets the queue in at the rate, first come first served, and reports the wait", () => {
    const gate = new AdmissionGate(2, 1);
    const t0 = 0;
    expect(gate.request("a", t0).admitted).toBe(true);
    expect(gate.request("b", t0)).toMatchObject({ admitted: false, position: 1 });
    expect(gate.request("c", t0 + 100)).toMatchObject({ admitted: false, position: 2 });
    // c asks again before b's turn came: still behind b.
    expect(gate.request("c", t0 + 400)).toMatchObject({ admitted: false, position: 2 });
    // After 500 ms one start is free: it is b's, even though c asks first.
    expect(gate.request("c", t0 + 600)).toMatchObject({ admitted: false, position: 1 });
    expect(gate.request("b", t0 + 700)).toEqual({ admitted: true, waitedMs: 700 });
    expect(gate.request("c", t0 + 1100)).toEqual({ admitted: true, waitedMs: 1000 });
    expect(gate.queuedCount()).toBe(0);
  });

  it("gives an unused turn to the next in line, and the late one queues again keeping the wait", () => {
    const gate = new AdmissionGate(1, 1);
    gate.request("a", 0);
    gate.request("b", 0); // queued
    gate.request("c", 0); // queued
    // b's turn comes at 1 s but b has gone away; after the grant expires b is back in line.
    expect(gate.request("c", 1_000)).toMatchObject({ admitted: false, position: 1 });
    const late = 1_000 + GRANT_TTL_MS + 1;
    // b comes back after the grant expired: the free start went to c, b is next, its wait still counts.
    expect(gate.request("b", late)).toMatchObject({ admitted: false, position: 1 });
    expect(gate.request("c", late)).toEqual({ admitted: true, waitedMs: late });
    expect(gate.request("b", late + 1_000)).toEqual({ admitted: true, waitedMs: late + 1_000 });
  });

  it("estimates from the position and never asks to retry more often than twice a second", () => {
    const gate = new AdmissionGate(50);
    for (let i = 0; i < 50; i++) gate.request(`x${i}`, 0);
    let last;
    for (let i = 0; i < 500; i++) last = gate.request(`q${i}`, 0);
    expect(last).toMatchObject({ admitted: false, position: 500, etaSeconds: 10, retryAfterMs: 5_000 });
    expect(gate.request("q0", 0)).toMatchObject({ position: 1, etaSeconds: 1, retryAfterMs: 500 });
  });

  it("refuses a capacity that is not positive", () => {
    expect(() => new AdmissionGate(0)).toThrow();
  });
});

describe("staggeredOpening (考场错峰开考建议)", () => {
  const rooms = Array.from({ length: 10 }, (_, i) => ({ id: `r${i}`, name: `第${i + 1}考场`, candidates: 30 }));

  it("opens everything at once when the server starts everyone within the target wait", () => {
    const waves = staggeredOpening(rooms, 50, 20); // 300 candidates, 1,000 per 20 s
    expect(waves).toHaveLength(1);
    expect(waves[0]).toMatchObject({ offsetSeconds: 0, candidates: 300 });
  });

  it("splits into waves of at most rate × target, each opening when the previous is started", () => {
    const waves = staggeredOpening(rooms, 5, 20); // 100 candidates per wave → 3 rooms (90)
    expect(waves.map((w) => w.rooms.length)).toEqual([3, 3, 3, 1]);
    expect(waves.map((w) => w.offsetSeconds)).toEqual([0, 18, 36, 54]);
    expect(waves.flatMap((w) => w.rooms.map((r) => r.id))).toEqual(rooms.map((r) => r.id));
  });

  it("keeps a room larger than one wave whole, in a wave of its own", () => {
    const waves = staggeredOpening([{ id: "big", name: "大考场", candidates: 200 }, ...rooms.slice(0, 1)], 5, 20);
    expect(waves.map((w) => w.rooms.map((r) => r.id))).toEqual([["big"], ["r0"]]);
    expect(waves[1].offsetSeconds).toBe(40);
  });

  it("says how long the last candidate would wait if every room opened at once", () => {
    expect(allAtOnceWaitSeconds(3_000, 50)).toBe(59);
    expect(allAtOnceWaitSeconds(40, 50)).toBe(0);
  });
});

describe("the start-queue credit on the exam clock", () => {
  const base: ClockInput = {
    openedAt: new Date("2026-12-05T01:00:00Z"),
    durationMinutes: 90,
    pausedMs: 0,
    pausedAt: null,
    extraMinutes: 0,
  };

  it("moves the deadline by the time waited in the queue", () => {
    const now = new Date("2026-12-05T01:10:00Z");
    expect(examDeadline(base, now)?.toISOString()).toBe("2026-12-05T02:30:00.000Z");
    expect(examDeadline({ ...base, creditMs: 45_000 }, now)?.toISOString()).toBe("2026-12-05T02:30:45.000Z");
    expect(examDeadline({ ...base, creditMs: 45_000, extraMinutes: 10 }, now)?.toISOString()).toBe("2026-12-05T02:40:45.000Z");
  });

  it("keeps a credited candidate writing after the room's own time is over", () => {
    const now = new Date("2026-12-05T02:30:30Z");
    expect(clockState(base, now).phase).toBe("over");
    expect(clockState({ ...base, creditMs: 60_000 }, now).phase).toBe("running");
  });
});

describe("slot scheduling (the start queue kept in the database)", () => {
  /** Newcomers at the given times through one clock, as the shared queue's statement does. */
  function issue(arrivals: number[], perSecond: number, burst?: number) {
    let clock: number | null = null;
    return arrivals.map((now) => {
      const s = nextSlot(clock, now, perSecond, burst);
      clock = s.nextFreeMs;
      return { firstSeenMs: now, admitAtMs: s.admitAtMs };
    });
  }

  it("admits a burst of one second's capacity at once, then one slot per 1/rate, in arrival order", () => {
    const t0 = 1_000_000;
    const tickets = issue(Array(13).fill(t0), 10);
    const now = tickets.map((t) => slotDecision(t, t0, 10));
    expect(now.slice(0, 10).every((d) => d.admitted)).toBe(true);
    expect(now.slice(10).map((d) => (d.admitted ? 0 : d.position))).toEqual([1, 2, 3]);
    expect(tickets[12].admitAtMs - t0).toBe(300);
    expect(slotDecision(tickets[12], t0 + 300, 10)).toEqual({ admitted: true, waitedMs: 300 });
  });

  it("does not bank slots while nobody waits: after a quiet hour the burst is the same", () => {
    const [, a, b] = issue([0, 3_600_000, 3_600_000], 2, 1);
    expect(slotDecision(a, 3_600_000, 2).admitted).toBe(true);
    expect(slotDecision(b, 3_600_000, 2)).toMatchObject({ admitted: false, position: 1, etaSeconds: 1, retryAfterMs: 500 });
  });

  it("credits the queue's wait, not the time a candidate stayed away after their slot came", () => {
    const ticket = { firstSeenMs: 0, admitAtMs: 20_000 };
    expect(slotDecision(ticket, 25_000, 1)).toEqual({ admitted: true, waitedMs: 25_000 });
    expect(slotDecision(ticket, 600_000, 1)).toEqual({ admitted: true, waitedMs: 20_000 + GRANT_TTL_MS });
  });

  it("tells a long queue to ask again no more than every 5 s", () => {
    const d = slotDecision({ firstSeenMs: 0, admitAtMs: 60_000 }, 0, 50);
    expect(d).toEqual({ admitted: false, position: 3000, etaSeconds: 60, retryAfterMs: 5_000 });
  });
});
