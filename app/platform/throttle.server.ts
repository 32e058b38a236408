// The throttle table (login, exam sign-in, certificate lookups): the only writer of LoginThrottle.
// The rules (windows, locks, messages) are pure in app/domain/throttle.ts.
import { type ThrottlePolicy, type ThrottleState, recordFailure } from "~/domain/throttle";
import { db } from "./db.server";
import { isUniqueViolation } from "./http.server";

export function loadThrottle(key: string): Promise<ThrottleState | null> {
  return db.loginThrottle.findUnique({ where: { key } });
}

/**
 * Counts one more failure (or one more use, for rate limits) under `key`; returns the new state.
 * Several nodes may count the same key at once: the write applies only over the state it was
 * computed from (else it reads again and recounts), so no failure is lost between nodes.
 */
export async function countFailure(key: string, now: Date, policy: ThrottlePolicy, state?: ThrottleState | null): Promise<ThrottleState> {
  let current = state === undefined ? await loadThrottle(key) : state;
  for (let attempt = 0; attempt < 100; attempt++) {
    const next = recordFailure(current, now, policy);
    if (!current) {
      try {
        await db.loginThrottle.create({ data: { key, ...next } });
        return next;
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
      }
    } else {
      const where = { key, failures: current.failures, windowStart: current.windowStart };
      if ((await db.loginThrottle.updateMany({ where, data: next })).count === 1) return next;
    }
    current = await loadThrottle(key);
  }
  // Only under a storm of failures on one key: count it without the check rather than not at all.
  const next = recordFailure(current, now, policy);
  await db.loginThrottle.upsert({ where: { key }, create: { key, ...next }, update: next });
  return next;
}

export async function clearThrottle(key: string): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { key } });
}
