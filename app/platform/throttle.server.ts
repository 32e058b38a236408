// The throttle table (login, exam sign-in, certificate lookups): the only writer of LoginThrottle.
// The rules (windows, locks, messages) are pure in app/domain/throttle.ts.
import { type ThrottlePolicy, type ThrottleState, recordFailure } from "~/domain/throttle";
import { db } from "./db.server";

export function loadThrottle(key: string): Promise<ThrottleState | null> {
  return db.loginThrottle.findUnique({ where: { key } });
}

/** Counts one more failure (or one more use, for rate limits) under `key`; returns the new state. */
export async function countFailure(key: string, now: Date, policy: ThrottlePolicy, state?: ThrottleState | null): Promise<ThrottleState> {
  const next = recordFailure(state === undefined ? await loadThrottle(key) : state, now, policy);
  await db.loginThrottle.upsert({ where: { key }, create: { key, ...next }, update: next });
  return next;
}

export async function clearThrottle(key: string): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { key } });
}
