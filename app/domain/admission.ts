// Admission control for the start burst of a sitting: candidates are let in at the rate the
// server can serve a start (sign-in, exam page, paper, first claim), first come first served.
// A candidate beyond that rate gets a place in the queue and an estimate instead of a slow page;
// the time they wait after their room opened is credited to their exam clock.
//
// Pure: the caller passes the time (ms) in and keeps one gate per deployment (see decision 013);
// on PostgreSQL the deployment's one queue is in the database (nextSlot, slotDecision).

export type AdmissionDecision =
  { admitted: true; waitedMs: number } | { admitted: false; position: number; etaSeconds: number; retryAfterMs: number };

type Waiting = { key: string; firstSeen: number };

/** A grant not used within this time goes to the next in line (the candidate closed the page). */
export const GRANT_TTL_MS = 30_000;

export class AdmissionGate {
  private tokens: number;
  private refilledAt: number | null = null;
  private readonly waiting: Waiting[] = [];
  private head = 0;
  private readonly queued = new Map<string, Waiting>();
  private readonly granted = new Map<string, { firstSeen: number; until: number }>();

  constructor(
    /** Starts per second this deployment serves within its latency target. */
    readonly perSecond: number,
    /** Starts that may begin at once before the rate applies (one second's worth by default). */
    readonly burst = Math.max(1, Math.round(perSecond)),
  ) {
    if (!(perSecond > 0)) throw new Error("perSecond must be positive");
    this.tokens = this.burst;
  }

  private refill(now: number) {
    if (this.refilledAt === null) this.refilledAt = now;
    const elapsed = Math.max(0, now - this.refilledAt);
    this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.perSecond) / 1000);
    this.refilledAt = now;
  }

  /** Hands the available starts to the head of the queue, in order. */
  private grant(now: number) {
    while (this.tokens >= 1 && this.head < this.waiting.length) {
      const w = this.waiting[this.head++];
      if (this.queued.get(w.key) !== w) continue;
      this.queued.delete(w.key);
      this.granted.set(w.key, { firstSeen: w.firstSeen, until: now + GRANT_TTL_MS });
      this.tokens -= 1;
    }
    if (this.head > 1024 && this.head * 2 > this.waiting.length) {
      this.waiting.splice(0, this.head);
      this.head = 0;
    }
  }

  /** One start request (or a queued candidate asking again) for `key` at `now`. */
  request(key: string, now: number): AdmissionDecision {
    this.refill(now);
    this.grant(now);
    const grant = this.granted.get(key);
    if (grant) {
      this.granted.delete(key);
      if (grant.until >= now) return { admitted: true, waitedMs: now - grant.firstSeen };
      // Expired while away: back in line as a newcomer, but keeping the wait already done.
      return this.enqueue({ key, firstSeen: grant.firstSeen }, now);
    }
    const mine = this.queued.get(key);
    if (mine) return this.position(mine);
    if (this.queuedCount() === 0 && this.tokens >= 1) {
      this.tokens -= 1;
      return { admitted: true, waitedMs: 0 };
    }
    return this.enqueue({ key, firstSeen: now }, now);
  }

  private enqueue(w: Waiting, now: number): AdmissionDecision {
    this.queued.set(w.key, w);
    this.waiting.push(w);
    this.grant(now);
    const g = this.granted.get(w.key);
    if (g) {
      this.granted.delete(w.key);
      return { admitted: true, waitedMs: now - g.firstSeen };
    }
    return this.position(w);
  }

  private position(w: Waiting): AdmissionDecision {
    let ahead = 0;
    for (let i = this.head; i < this.waiting.length; i++) {
      const x = this.waiting[i];
      if (x === w) break;
      if (this.queued.get(x.key) === x) ahead++;
    }
    const position = ahead + 1;
    const etaSeconds = Math.max(1, Math.ceil(position / this.perSecond));
    // Ask again about when the turn comes, never more often than twice a second or less than every 5 s.
    const retryAfterMs = Math.min(5_000, Math.max(500, Math.round((position / this.perSecond) * 1000)));
    return { admitted: false, position, etaSeconds, retryAfterMs };
  }

  queuedCount(): number {
    return this.queued.size;
  }
}

/**
 * The same start queue kept in a database for several nodes, as slot scheduling (the generic cell
 * rate algorithm): a newcomer gets the next free start slot, never earlier than a burst's worth of
 * slots before now; slots follow each other at 1/perSecond. The clock row holds `nextFreeMs`; the
 * database applies this formula in one atomic statement, on its own clock (store/postgres.server.ts),
 * so no node keeps queue state and skew between the nodes' clocks cannot reorder the queue.
 * Unlike AdmissionGate, a slot whose candidate does not come is not handed on: the queue can run
 * a little below the rate, never above it for those who wait.
 */
export function nextSlot(nextFreeMs: number | null, now: number, perSecond: number, burst = Math.max(1, Math.round(perSecond))) {
  const interval = 1000 / perSecond;
  const span = (burst - 1) * interval;
  const admitAtMs = Math.max(nextFreeMs ?? -Infinity, now - span);
  return { admitAtMs, nextFreeMs: admitAtMs + interval, interval, span };
}

/** A candidate's answer from their slot: in when it has come, else their place and when to ask again. */
export function slotDecision(ticket: { firstSeenMs: number; admitAtMs: number }, now: number, perSecond: number): AdmissionDecision {
  const ahead = ticket.admitAtMs - now;
  if (ahead <= 0) {
    // Time away after the slot came (beyond a grant's life) is the candidate's own, not the queue's.
    const waitedMs = Math.min(now, ticket.admitAtMs + GRANT_TTL_MS) - ticket.firstSeenMs;
    return { admitted: true, waitedMs: Math.max(0, Math.round(waitedMs)) };
  }
  const position = Math.max(1, Math.ceil((ahead * perSecond) / 1000));
  return {
    admitted: false,
    position,
    etaSeconds: Math.max(1, Math.ceil(ahead / 1000)),
    retryAfterMs: Math.min(5_000, Math.max(500, Math.round(ahead))),
  };
}

export type StaggerRoom = { id: string; name: string; candidates: number };
export type StaggerWave = { offsetSeconds: number; rooms: StaggerRoom[]; candidates: number };

/**
 * 考场错峰开考建议: rooms in opening waves so that nobody waits in the start queue longer than
 * `targetWaitSeconds`. A wave holds as many candidates as the server starts in that time (at
 * least one room); the next wave opens when the previous one has been started. Rooms keep their
 * order (the first rooms open first).
 */
export function staggeredOpening(rooms: readonly StaggerRoom[], perSecond: number, targetWaitSeconds = 20): StaggerWave[] {
  const capacity = Math.max(1, Math.floor(perSecond * targetWaitSeconds));
  const waves: StaggerWave[] = [];
  let offset = 0;
  let current: StaggerWave | null = null;
  for (const room of rooms) {
    if (current && current.candidates + room.candidates > capacity) {
      offset += Math.ceil(current.candidates / perSecond);
      current = null;
    }
    if (!current) {
      current = { offsetSeconds: offset, rooms: [], candidates: 0 };
      waves.push(current);
    }
    current.rooms.push(room);
    current.candidates += room.candidates;
  }
  return waves;
}

/** The longest wait in the start queue if every room opened at once. */
export function allAtOnceWaitSeconds(candidates: number, perSecond: number, burst = Math.round(perSecond)): number {
  return Math.max(0, Math.ceil((candidates - burst) / perSecond));
}
