import { describe, expect, it } from "vitest";
import { clockState, examDeadline, SAVE_GRACE_MS, type ClockInput } from "~/domain/exam-clock";
import { MIN_DURATION_MINUTES, requiredExaminers, requiredProctors } from "~/domain/exam-rules";

describe("requiredProctors (theory: ≥ 1 per 15 candidates, at least 2)", () => {
  it.each([
    [0, 2],
    [1, 2],
    [15, 2],
    [30, 2],
    [31, 3],
    [45, 3],
    [46, 4],
    [100, 7],
  ])("%i candidates → %i proctors", (n, want) => {
    expect(requiredProctors(n)).toBe(want);
  });
});

describe("requiredExaminers (skill: ≥ 1 per 5 candidates, at least 3, odd)", () => {
  /** Independent statement of the rule: the smallest odd k ≥ 3 with 5·k ≥ n. */
  function expected(n: number): number {
    for (let k = 3; ; k += 2) if (k * 5 >= n) return k;
  }

  it("matches the rule for 1…40 candidates", () => {
    for (let n = 1; n <= 40; n++) {
      const k = requiredExaminers(n);
      expect(k, `n = ${n}`).toBe(expected(n));
      expect(k % 2).toBe(1);
      expect(k).toBeGreaterThanOrEqual(3);
      expect(k * 5).toBeGreaterThanOrEqual(n);
    }
  });

  it.each([
    [1, 3],
    [15, 3],
    [16, 5],
    [25, 5],
    [26, 7],
    [40, 9],
  ])("%i candidates → %i examiners", (n, want) => {
    expect(requiredExaminers(n)).toBe(want);
  });
});

it("each part lasts at least 60 minutes", () => {
  expect(MIN_DURATION_MINUTES).toBe(60);
});

describe("exam clock", () => {
  const MIN = 60_000;
  const t0 = new Date("2026-11-22T01:00:00.000Z");
  const at = (ms: number) => new Date(t0.getTime() + ms);
  const base: ClockInput = { openedAt: t0, durationMinutes: 60, pausedMs: 0, pausedAt: null, extraMinutes: 0 };

  it("is not open before the proctor opens the room", () => {
    const c = { ...base, openedAt: null };
    expect(clockState(c, at(-5 * MIN))).toEqual({ phase: "not_open" });
    expect(clockState(c, at(30 * MIN))).toEqual({ phase: "not_open" });
    expect(examDeadline(c, at(0))).toBeNull();
  });

  it("runs with the remaining time", () => {
    expect(clockState(base, at(0))).toEqual({ phase: "running", remainingMs: 60 * MIN, deadline: at(60 * MIN) });
    expect(clockState(base, at(10 * MIN))).toEqual({ phase: "running", remainingMs: 50 * MIN, deadline: at(60 * MIN) });
    expect(clockState(base, at(60 * MIN - 1))).toEqual({ phase: "running", remainingMs: 1, deadline: at(60 * MIN) });
  });

  it("a pause stops the clock and moves the deadline with it", () => {
    const paused = { ...base, pausedAt: at(20 * MIN) };
    // 20 minutes used when the pause starts: 40 remain for as long as the pause lasts
    expect(clockState(paused, at(20 * MIN))).toEqual({ phase: "paused", remainingMs: 40 * MIN, deadline: at(60 * MIN) });
    expect(clockState(paused, at(25 * MIN))).toEqual({ phase: "paused", remainingMs: 40 * MIN, deadline: at(65 * MIN) });
    // even past the original deadline, a paused exam is not over
    expect(clockState(paused, at(90 * MIN))).toEqual({ phase: "paused", remainingMs: 40 * MIN, deadline: at(130 * MIN) });
  });

  it("completed pauses add up (pausedMs) and an ongoing one adds to them", () => {
    // a 10-minute pause is over; the clock runs again
    const resumed = { ...base, pausedMs: 10 * MIN };
    expect(clockState(resumed, at(40 * MIN))).toEqual({ phase: "running", remainingMs: 30 * MIN, deadline: at(70 * MIN) });
    // a second pause of 5 minutes so far
    const again = { ...resumed, pausedAt: at(45 * MIN) };
    expect(clockState(again, at(50 * MIN))).toEqual({ phase: "paused", remainingMs: 25 * MIN, deadline: at(75 * MIN) });
    // after it ends (pausedMs 10 + 5), the deadline stays where it was
    const twice = { ...base, pausedMs: 15 * MIN };
    expect(clockState(twice, at(50 * MIN))).toEqual({ phase: "running", remainingMs: 25 * MIN, deadline: at(75 * MIN) });
  });

  it("extra minutes extend the deadline", () => {
    const extra = { ...base, extraMinutes: 15 };
    expect(clockState(extra, at(10 * MIN))).toEqual({ phase: "running", remainingMs: 65 * MIN, deadline: at(75 * MIN) });
    expect(clockState(extra, at(70 * MIN))).toMatchObject({ phase: "running", remainingMs: 5 * MIN });
    expect(clockState({ ...extra, pausedMs: 10 * MIN }, at(80 * MIN))).toMatchObject({ phase: "running", deadline: at(85 * MIN) });
  });

  it("accepts saves for SAVE_GRACE_MS after the deadline, then is over", () => {
    const deadline = at(60 * MIN);
    expect(clockState(base, deadline)).toEqual({ phase: "grace", deadline });
    expect(clockState(base, at(60 * MIN + 1))).toEqual({ phase: "grace", deadline });
    expect(clockState(base, at(60 * MIN + SAVE_GRACE_MS))).toEqual({ phase: "grace", deadline });
    expect(clockState(base, at(60 * MIN + SAVE_GRACE_MS + 1))).toEqual({ phase: "over", deadline });
    expect(clockState(base, at(5 * 60 * MIN))).toEqual({ phase: "over", deadline });
  });

  it("grace and over follow the extended deadline", () => {
    const c = { ...base, extraMinutes: 10, pausedMs: 5 * MIN };
    const deadline = at(75 * MIN);
    expect(clockState(c, at(75 * MIN - 1))).toMatchObject({ phase: "running", remainingMs: 1 });
    expect(clockState(c, at(75 * MIN + 1000))).toEqual({ phase: "grace", deadline });
    expect(clockState(c, at(75 * MIN + SAVE_GRACE_MS + 1))).toEqual({ phase: "over", deadline });
  });
});

describe("when a room may open", () => {
  const start = new Date("2026-11-23T01:00:00Z"); // 09:00 Beijing time
  it("opens from 30 minutes before the start and any time after", async () => {
    const { canOpenRoom } = await import("~/domain/exam-rules");
    expect(canOpenRoom(start, new Date("2026-11-23T00:29:59Z"))).toBe(false);
    expect(canOpenRoom(start, new Date("2026-11-23T00:30:00Z"))).toBe(true);
    expect(canOpenRoom(start, new Date("2026-11-23T03:00:00Z"))).toBe(true);
  });
});
