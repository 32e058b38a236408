// The server-owned exam clock. A room's clock starts when the proctor opens it; a pause stops it
// for everyone in the room; extra time is per candidate. Saves are accepted for a short grace
// after the deadline so that answers in flight at 0:00 are kept.

export const SAVE_GRACE_MS = 15_000;

export type ClockInput = {
  openedAt: Date | null;
  durationMinutes: number;
  pausedMs: number; // completed pauses
  pausedAt: Date | null; // a pause in progress
  extraMinutes: number;
  /** Time this candidate waited in the start-burst queue after the room opened (not their fault). */
  creditMs?: number;
};

export type ClockState =
  | { phase: "not_open" }
  | { phase: "paused"; remainingMs: number; deadline: Date }
  | { phase: "running"; remainingMs: number; deadline: Date }
  | { phase: "grace"; deadline: Date }
  | { phase: "over"; deadline: Date };

export function examDeadline(c: ClockInput, now: Date): Date | null {
  if (!c.openedAt) return null;
  const ongoingPause = c.pausedAt ? Math.max(0, now.getTime() - c.pausedAt.getTime()) : 0;
  return new Date(c.openedAt.getTime() + (c.durationMinutes + c.extraMinutes) * 60_000 + (c.creditMs ?? 0) + c.pausedMs + ongoingPause);
}

export function clockState(c: ClockInput, now: Date): ClockState {
  const deadline = examDeadline(c, now);
  if (!deadline) return { phase: "not_open" };
  const remainingMs = deadline.getTime() - now.getTime();
  if (c.pausedAt) return { phase: "paused", remainingMs, deadline };
  if (remainingMs > 0) return { phase: "running", remainingMs, deadline };
  if (-remainingMs <= SAVE_GRACE_MS) return { phase: "grace", deadline };
  return { phase: "over", deadline };
}

/** Screen-reader announcements: at these minutes remaining, not every second. */
export const ANNOUNCE_AT_MINUTES = [30, 10, 5, 1] as const;
