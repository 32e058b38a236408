import { describe, expect, it } from "vitest";
import { ACCOUNT_POLICY, lockedUntil, recordFailure, retryMessage, type ThrottleState } from "~/domain/throttle";
import { formatTime } from "~/domain/time";
import { db } from "~/platform/db.server";
import { countFailure, loadThrottle } from "~/platform/throttle.server";

const t0 = new Date("2026-11-22T02:00:00Z"); // 10:00 in Shanghai
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

function fail(times: number, start = 0, state: ThrottleState | null = null) {
  for (let i = 0; i < times; i++) state = recordFailure(state, at(start + i * 0.1), ACCOUNT_POLICY);
  return state!;
}

describe("login throttling", () => {
  it("does not lock after 4 failures", () => {
    const s = fail(4);
    expect(s.failures).toBe(4);
    expect(lockedUntil(s, at(1))).toBeNull();
  });

  it("locks for 15 minutes at the 5th failure, so the 6th attempt is refused", () => {
    const s = fail(5);
    expect(lockedUntil(s, at(1))).not.toBeNull();
    expect(lockedUntil(s, at(15.4))).toBeNull(); // the 5th failure was at 0.4 min
    expect(lockedUntil(s, at(15.39))).not.toBeNull();
  });

  it("forgets failures older than the window", () => {
    const s = fail(4);
    const later = recordFailure(s, at(16), ACCOUNT_POLICY);
    expect(later.failures).toBe(1);
    expect(lockedUntil(later, at(16))).toBeNull();
  });

  it("says in Chinese, in Shanghai time, when to retry", () => {
    const until = at(15);
    const msg = retryMessage(until, at(3), formatTime);
    expect(msg).toContain("请于 10:15 后重试");
    expect(msg).toContain("约 12 分钟");
  });
});

describe("login throttling in the database (several nodes)", () => {
  it("loses no failure when many requests count the same key at once", async () => {
    const policy = { maxFailures: 100, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
    // Each call reads the state first, as a request on its own node does; they interleave.
    await Promise.all(Array.from({ length: 12 }, () => countFailure("account:race", t0, policy)));
    expect((await loadThrottle("account:race"))?.failures).toBe(12);
    await Promise.all(Array.from({ length: 8 }, () => countFailure("account:race", at(1), policy)));
    expect((await loadThrottle("account:race"))?.failures).toBe(20);
    expect(await db.loginThrottle.count({ where: { key: "account:race" } })).toBe(1);
  });
});
