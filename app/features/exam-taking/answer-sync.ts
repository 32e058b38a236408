// The exam page's offline-sync engine, free of React and of the browser: what the candidate
// answers is kept locally until the server has acknowledged it, retried after a lost network,
// renumbered and resent after a reload, and stopped when another window takes the attempt over.
// The server owns the clock: every answer carries the server's time, and the page shows the
// countdown against it (offset = server time − local time).
//
// Rules it keeps (each has a unit test in test/unit/answer-sync.test.ts):
// - an answer is pending from the moment it is chosen until a 200 for that very change (its seq);
// - pending answers survive a reload (storage) and are resent with new, higher sequence numbers
//   after this window claims the attempt, so they win over older saves of another window;
// - one save per question in flight; a newer change is sent after the one in flight;
// - a 409 means another window holds the attempt: stop saving, keep what is pending;
// - a 410 means the attempt is submitted: hand over to the done view;
// - a 423 (paused) or a network error keeps the answer pending for the next retry;
// - a submit first waits for the saves in flight and flushes the rest; its 200 alone shows 已交卷.

export type { AnswerValue } from "~/domain/grading";
import type { AnswerValue } from "~/domain/grading";
export type ServerClock = { phase: string; serverNow: number; deadline: number | null; graceMs: number };
type Pending = Record<string, { value: AnswerValue; seq: number }>;

export type SyncResponse = { status: number; json: Record<string, unknown> };

export type SyncDeps = {
  /** POST /exam/api with a JSON body. Rejects on a network failure. */
  post(body: object): Promise<SyncResponse>;
  /** GET /exam/api. Rejects on a network failure. */
  poll(): Promise<Record<string, unknown>>;
  storage: { getItem(key: string): string | null; setItem(key: string, value: string): void; removeItem(key: string): void };
  /** Local time in ms (Date.now in the browser). */
  now(): number;
  newWindowId(): string;
  /** The attempt is over (submitted here, elsewhere, or by the server at 0:00). */
  onDone(): void;
  /** This window took the attempt back: start over from the server's answers. */
  onReclaimed(): void;
};

export type SyncState = {
  answers: Record<string, AnswerValue>;
  clock: ServerClock;
  /** Server time − local time, in ms. */
  offset: number;
  online: boolean;
  superseded: boolean;
  pendingCount: number;
  savedAt: number | null;
  ready: boolean;
  /**
   * Handed in from this window: the page shows 已交卷 from the submit's answer alone, without
   * reloading its route (at 0:00 thousands of candidates do this within a second).
   */
  submitted: { reason: string | null } | null;
};

export function storageKey(attemptId: string) {
  return `zw-exam-pending-${attemptId}`;
}

export class AnswerSync {
  private state: SyncState;
  private listeners = new Set<() => void>();
  private pending: Pending = {};
  private inFlight = new Map<string, Promise<void>>();
  private seq = 0;
  private submitting = false;
  windowId = "";

  constructor(
    private readonly attemptId: string,
    initial: { answers: Record<string, AnswerValue>; clock: ServerClock },
    private readonly deps: SyncDeps,
  ) {
    this.state = {
      answers: initial.answers,
      clock: initial.clock,
      offset: initial.clock.serverNow - deps.now(),
      online: true,
      superseded: false,
      pendingCount: 0,
      savedAt: null,
      ready: false,
      submitted: null,
    };
  }

  getState = (): SyncState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<SyncState>) {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  private persist() {
    this.deps.storage.setItem(storageKey(this.attemptId), JSON.stringify(this.pending));
    this.set({ pendingCount: Object.keys(this.pending).length });
  }

  private applyClock(c: unknown) {
    if (!c || typeof c !== "object") return;
    const clock = c as ServerClock;
    this.set({ clock, offset: clock.serverNow - this.deps.now() });
  }

  /** The sequence numbers of pending answers (for tests and diagnostics). */
  pendingSeqs(): Record<string, number> {
    return Object.fromEntries(Object.entries(this.pending).map(([k, v]) => [k, v.seq]));
  }

  /** Claims the attempt for this window and merges what this device had not yet sent. */
  async start(): Promise<void> {
    this.windowId = this.deps.newWindowId();
    this.seq = this.deps.now();
    try {
      this.pending = JSON.parse(this.deps.storage.getItem(storageKey(this.attemptId)) ?? "{}") as Pending;
    } catch {
      this.pending = {};
    }
    try {
      const { status, json } = await this.deps.post({ op: "claim", windowId: this.windowId });
      if (status === 410) return this.deps.onDone();
      if (status === 200) {
        this.applyClock(json.clock);
        const local = Object.fromEntries(Object.entries(this.pending).map(([k, v]) => [k, v.value]));
        this.set({ answers: { ...(json.answers as Record<string, AnswerValue>), ...local } });
        // Re-number unsent answers for this window so that they win over older saves.
        for (const k of Object.keys(this.pending)) this.pending[k].seq = ++this.seq;
        this.persist();
        this.set({ ready: true });
        void this.flush();
      }
    } catch {
      this.set({ online: false, ready: true });
    }
  }

  /** The candidate chose an answer: show it, keep it pending, send it. */
  choose(itemId: string, value: AnswerValue): Promise<void> {
    this.set({ answers: { ...this.state.answers, [itemId]: value } });
    this.pending[itemId] = { value, seq: ++this.seq };
    this.persist();
    return this.send(itemId);
  }

  /** One save per question in flight; a call while one is in flight gets that request. */
  send(itemId: string): Promise<void> {
    const running = this.inFlight.get(itemId);
    if (running) return running;
    const p = this.pending[itemId];
    if (!p || this.state.superseded) return Promise.resolve();
    const job = (async () => {
      try {
        const { status, json } = await this.deps.post({ op: "save", windowId: this.windowId, itemId, value: p.value, seq: p.seq });
        this.set({ online: true });
        this.applyClock(json.clock);
        if (status === 200) {
          if (this.pending[itemId]?.seq === p.seq) delete this.pending[itemId];
          this.persist();
          this.set({ savedAt: typeof json.savedAt === "number" ? json.savedAt : this.deps.now() });
        } else if (status === 409) this.set({ superseded: true });
        else if (status === 410) this.deps.onDone();
        // 423 (paused) and anything else: keep it pending; the retry sends it again.
      } catch {
        this.set({ online: false });
      } finally {
        this.inFlight.delete(itemId);
      }
    })();
    this.inFlight.set(itemId, job);
    return job;
  }

  /** Waits for the saves in flight, then sends everything still pending. */
  async flush(): Promise<void> {
    await Promise.all([...this.inFlight.values()]);
    await Promise.all(Object.keys(this.pending).map((id) => this.send(id)));
  }

  /** The periodic state poll: the server's clock, a submit elsewhere, a takeover by another window. */
  async poll(): Promise<void> {
    if (this.state.submitted) return;
    try {
      const json = await this.deps.poll();
      this.set({ online: true });
      this.applyClock(json.clock);
      if (json.status === "submitted") this.deps.onDone();
      else if (json.activeWindow && json.activeWindow !== this.windowId) this.set({ superseded: true });
    } catch {
      this.set({ online: false });
    }
  }

  goOnline() {
    this.set({ online: true });
    void this.flush();
  }

  goOffline() {
    this.set({ online: false });
  }

  /** Hands the paper in, after every save in flight and everything pending has been sent. */
  async submit(): Promise<void> {
    if (this.submitting) return;
    this.submitting = true;
    await this.flush();
    try {
      const { status, json } = await this.deps.post({ op: "submit", windowId: this.windowId });
      if (status === 409) {
        // Another window holds the attempt: what this one still has pending stays on the device.
        this.set({ superseded: true });
        return;
      }
      this.deps.storage.removeItem(storageKey(this.attemptId));
      if (status === 200) this.set({ submitted: { reason: typeof json.reason === "string" ? json.reason : null } });
      else this.deps.onDone();
    } catch {
      this.set({ online: false });
    } finally {
      this.submitting = false;
    }
  }

  /** Takes the attempt back from another window. */
  async reclaim(): Promise<void> {
    const { status } = await this.deps.post({ op: "claim", windowId: this.windowId });
    if (status === 200) this.deps.onReclaimed();
  }
}

/** Time left on the server's clock; while paused, the time left when the pause began. */
export function remainingMs(clock: ServerClock, localNow: number, offset: number): number {
  if (clock.deadline === null) return 0;
  return clock.phase === "paused" ? clock.deadline - clock.serverNow : clock.deadline - (localNow + offset);
}
