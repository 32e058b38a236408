// Group commit: the writes that arrive while one transaction commits share the next one, and
// each is acknowledged only after the transaction that holds it has committed. With
// synchronous=FULL a commit returns after the WAL is fsynced, so an acknowledged answer survives
// a power cut, and one fsync covers a whole batch instead of one per save.
import type Database from "better-sqlite3";

type Pending<Op, Result> = { op: Op; resolve: (r: Result) => void; reject: (e: unknown) => void };

export type GroupCommitStats = { batches: number; writes: number; largestBatch: number; busyRetries: number };

export type GroupCommitOptions = {
  /** Writes per transaction at most (a 0:00 burst of submits is split so saves are not held up). */
  maxBatch?: number;
  /** How long to keep trying when another process holds the write lock. */
  busyWaitMs?: number;
  /** Called after each commit, before the acknowledgements (tests use it to check the order). */
  onCommit?: (size: number) => void;
};

function isBusy(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("SQLITE_BUSY");
}

export class GroupCommitWriter<Op, Result> {
  private queue: Pending<Op, Result>[] = [];
  private scheduled = false;
  private busySince: number | null = null;
  private busyDelay = 1;
  private readonly begin: Database.Statement;
  private readonly commit: Database.Statement;
  private readonly rollback: Database.Statement;
  readonly stats: GroupCommitStats = { batches: 0, writes: 0, largestBatch: 0, busyRetries: 0 };

  constructor(
    private readonly conn: Database.Database,
    private readonly step: (op: Op) => Result,
    private readonly options: GroupCommitOptions = {},
  ) {
    this.begin = conn.prepare("BEGIN IMMEDIATE");
    this.commit = conn.prepare("COMMIT");
    this.rollback = conn.prepare("ROLLBACK");
  }

  write(op: Op): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ op, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves once everything queued so far is committed (graceful shutdown). */
  async drain(): Promise<void> {
    while (this.queue.length > 0 || this.scheduled) await new Promise((r) => setTimeout(r, 2));
  }

  private schedule(delayMs = 0) {
    if (this.scheduled) return;
    this.scheduled = true;
    // setImmediate: everything that arrived in this turn of the event loop (and, in the writer
    // process, every message that came in during the previous commit's fsync) joins the batch.
    if (delayMs > 0) setTimeout(() => this.flush(), delayMs);
    else setImmediate(() => this.flush());
  }

  private flush() {
    this.scheduled = false;
    if (this.queue.length === 0) return;
    const batch = this.queue.splice(0, this.options.maxBatch ?? 256);
    try {
      this.begin.run();
    } catch (e) {
      if (isBusy(e) && this.keepWaiting()) {
        // Another process (a CLI import, the app's other writes) holds the lock: try again shortly,
        // without blocking this process's event loop the way the driver's busy timeout would.
        this.queue.unshift(...batch);
        this.stats.busyRetries++;
        this.schedule(this.busyDelay);
        this.busyDelay = Math.min(this.busyDelay * 2, 20);
        return;
      }
      this.busySince = null;
      for (const p of batch) p.reject(e);
      this.schedule();
      return;
    }
    this.busySince = null;
    this.busyDelay = 1;
    const results: Result[] = [];
    let failedAt = -1;
    let failure: unknown = null;
    for (let i = 0; i < batch.length; i++) {
      try {
        results.push(this.step(batch[i].op));
      } catch (e) {
        failedAt = i;
        failure = e;
        break;
      }
    }
    if (failedAt >= 0) {
      // One bad write must not take the others down: undo the batch, fail the one, retry the rest.
      this.rollback.run();
      batch[failedAt].reject(failure);
      this.queue.unshift(...batch.slice(0, failedAt), ...batch.slice(failedAt + 1));
      this.schedule();
      return;
    }
    try {
      this.commit.run();
    } catch (e) {
      if (this.conn.inTransaction) this.rollback.run();
      for (const p of batch) p.reject(e);
      this.schedule();
      return;
    }
    this.stats.batches++;
    this.stats.writes += batch.length;
    this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length);
    this.options.onCommit?.(batch.length);
    for (let i = 0; i < batch.length; i++) batch[i].resolve(results[i]);
    if (this.queue.length > 0) this.schedule();
  }

  private keepWaiting(): boolean {
    const now = Date.now();
    this.busySince ??= now;
    return now - this.busySince < (this.options.busyWaitMs ?? 10_000);
  }
}
