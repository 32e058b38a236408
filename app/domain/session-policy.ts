// Session lifetimes (Lucia guide design): a session dies after IDLE_MS without use or
// ABSOLUTE_MS after login, whichever comes first.
export const IDLE_MS = 2 * 60 * 60_000; // 2 h: a shift break does not log a window clerk out
export const ABSOLUTE_MS = 12 * 60 * 60_000; // 12 h: one working day
/** Extending the idle expiry is a write; do it at most this often per session. */
export const TOUCH_INTERVAL_MS = 5 * 60_000;

export type SessionTimes = { lastSeenAt: Date; idleExpiresAt: Date; absoluteExpiresAt: Date };

export function newSessionTimes(now: Date): SessionTimes {
  return {
    lastSeenAt: now,
    idleExpiresAt: new Date(now.getTime() + IDLE_MS),
    absoluteExpiresAt: new Date(now.getTime() + ABSOLUTE_MS),
  };
}

export type SessionVerdict = { valid: false } | { valid: true; touch: SessionTimes | null };

export function judgeSession(s: SessionTimes, now: Date): SessionVerdict {
  if (now >= s.idleExpiresAt || now >= s.absoluteExpiresAt) return { valid: false };
  if (now.getTime() - s.lastSeenAt.getTime() < TOUCH_INTERVAL_MS) return { valid: true, touch: null };
  const idle = Math.min(now.getTime() + IDLE_MS, s.absoluteExpiresAt.getTime());
  return { valid: true, touch: { lastSeenAt: now, idleExpiresAt: new Date(idle), absoluteExpiresAt: s.absoluteExpiresAt } };
}
