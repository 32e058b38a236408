// Login throttling as pure state transitions; the caller loads and stores the state.

export type ThrottleState = { failures: number; windowStart: Date; lockedUntil: Date | null };
export type ThrottlePolicy = { maxFailures: number; windowMs: number; lockMs: number };

/** 5 wrong passwords per account in 15 minutes lock the account for 15 minutes. */
export const ACCOUNT_POLICY: ThrottlePolicy = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
/** An address may fail 30 times in 15 minutes (a service hall shares one NAT address). */
export const ADDRESS_POLICY: ThrottlePolicy = { maxFailures: 30, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

/** When the key is locked at `now`, the time it unlocks; otherwise null. */
export function lockedUntil(state: ThrottleState | null, now: Date): Date | null {
  if (state?.lockedUntil && state.lockedUntil > now) return state.lockedUntil;
  return null;
}

export function recordFailure(state: ThrottleState | null, now: Date, policy: ThrottlePolicy): ThrottleState {
  const windowExpired = !state || now.getTime() - state.windowStart.getTime() >= policy.windowMs;
  const stillLocked = state?.lockedUntil && state.lockedUntil > now;
  const base = windowExpired && !stillLocked ? { failures: 0, windowStart: now, lockedUntil: null } : { ...state! };
  const failures = base.failures + 1;
  const lock = failures >= policy.maxFailures ? new Date(now.getTime() + policy.lockMs) : base.lockedUntil;
  return { failures, windowStart: base.windowStart, lockedUntil: lock };
}

/** "请于 14:05 后重试（约 12 分钟）" — `formatTime` renders the Asia/Shanghai clock time. */
export function retryMessage(until: Date, now: Date, formatTime: (d: Date) => string): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return `登录失败次数过多，已暂时锁定。请于 ${formatTime(until)} 后重试（约 ${minutes} 分钟）。`;
}
