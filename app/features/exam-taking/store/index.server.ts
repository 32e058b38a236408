// Which exam store this process uses. A single process (tests, `npm run dev`, EXAM_WORKERS=1)
// reads and writes itself. In the cluster that `npm start` runs, every worker reads on its own
// connection and sends its writes (and admission requests) to the primary process, which holds
// the one write connection: SQLite has a single writer, so one process commits every batch and
// no worker ever meets SQLITE_BUSY on the hot path (decision 013).
// On PostgreSQL every process reads and writes itself, with its own pools, and the start queue is
// in the database (postgres.server.ts): no node keeps state another node needs.
import cluster, { type Worker } from "node:cluster";
import { AdmissionGate } from "~/domain/admission";
import { databaseKind, databaseUrl, postgresTarget } from "~/platform/config.server";
import { capacityConfig } from "./capacity.server";
import { GroupCommitWriter } from "./group-commit.server";
import { openPool, PgGroupCommitWriter, postgresAdmission, postgresReads, postgresWriteSteps } from "./postgres.server";
import { openConnection, sqliteFile, sqliteReads, sqliteWriteSteps } from "./sqlite.server";
import type { AdmissionAnswer, ExamAdmission, ExamStore, ExamWrites, WriteOp, WriteResult } from "./types";

export const IPC_TAG = "zw-exam";
type CallBody = { call: "write"; op: WriteOp } | { call: "admit"; key: string; nowMs: number };
type Call = { id: number } & CallBody;
type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };
// One message carries every call a worker made in one turn of its event loop, and one message
// every answer the primary has for a worker in one turn: at saturation the cluster channel's
// per-message cost (serialising, a pipe write, a wake-up) was a large share of a save.
type CallMessage = { tag: typeof IPC_TAG; calls: Call[] };
type ReplyMessage = { tag: typeof IPC_TAG; replies: Reply[] };

export function storeFile(): string {
  return sqliteFile(databaseUrl());
}

export const onPostgres = () => databaseKind() === "postgresql";

export function localWriter(file = storeFile()) {
  const conn = openConnection(file, "write");
  return new GroupCommitWriter<WriteOp, WriteResult>(conn, sqliteWriteSteps(conn));
}

export function localAdmission(): ExamAdmission {
  const cap = capacityConfig();
  const gate = new AdmissionGate(cap.perSecond);
  return { request: async (key, nowMs) => gate.request(key, nowMs), capacity: () => cap };
}

/** A worker's side of the channel to the primary. */
function ipcChannel() {
  let next = 1;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let outbox: Call[] = [];
  const fail = (ids: number[], e: Error) => {
    for (const id of ids) {
      const w = waiting.get(id);
      if (!w) continue;
      waiting.delete(id);
      w.reject(e);
    }
  };
  const flush = () => {
    const calls = outbox;
    outbox = [];
    if (!process.connected)
      return fail(
        calls.map((c) => c.id),
        new Error("exam writer unavailable"),
      );
    process.send!({ tag: IPC_TAG, calls } satisfies CallMessage, undefined, undefined, (err) => {
      if (err)
        fail(
          calls.map((c) => c.id),
          err,
        );
    });
  };
  process.on("message", (msg: ReplyMessage) => {
    if (msg?.tag !== IPC_TAG) return;
    for (const r of msg.replies) {
      const w = waiting.get(r.id);
      if (!w) continue;
      waiting.delete(r.id);
      if (r.ok) w.resolve(r.value);
      else w.reject(new Error(r.message));
    }
  });
  // The primary is gone: nothing in flight will be answered (the page retries what was not acknowledged).
  process.on("disconnect", () => {
    for (const w of waiting.values()) w.reject(new Error("exam writer unavailable"));
    waiting.clear();
  });
  return (body: CallBody): Promise<unknown> =>
    new Promise((resolve, reject) => {
      if (!process.connected) return reject(new Error("exam writer unavailable"));
      const id = next++;
      waiting.set(id, { resolve, reject });
      // setImmediate: after this turn's I/O callbacks, so every request read in this turn shares the message.
      if (outbox.push({ id, ...body }) === 1) setImmediate(flush);
    });
}

let store: ExamStore | undefined;
let drainPostgres: (() => Promise<void>) | undefined;

/** This process's own store on PostgreSQL: reads on one pool, group-committed writes on another. */
function postgresStore(): ExamStore {
  const target = postgresTarget();
  const readPool = openPool(target, Number(process.env.EXAM_READ_POOL) || 8);
  const reads = postgresReads(readPool);
  const writer = new PgGroupCommitWriter<WriteOp, WriteResult>(openPool(target, 2), postgresWriteSteps(), { concurrency: 2 });
  drainPostgres = () => writer.drain();
  const cap = capacityConfig();
  return { ...reads, write: (op) => writer.write(op) as never, admission: postgresAdmission(readPool, () => cap) };
}

/** Waits until the writes this process accepted are committed or failed (graceful shutdown on PostgreSQL). */
export async function drainExamWrites(): Promise<void> {
  await drainPostgres?.();
}

export function examStore(): ExamStore {
  if (store) return store;
  if (onPostgres()) return (store = postgresStore());
  const file = storeFile();
  const reads = sqliteReads(openConnection(file, "read"));
  let writes: ExamWrites;
  let admission: ExamAdmission;
  if (cluster.isWorker && process.env.ZW_EXAM_WRITER === "primary") {
    const send = ipcChannel();
    const cap = capacityConfig();
    writes = { write: (op) => send({ call: "write", op }) as never };
    admission = { request: (key, nowMs) => send({ call: "admit", key, nowMs }) as Promise<AdmissionAnswer>, capacity: () => cap };
  } else {
    const writer = localWriter(file);
    writes = { write: (op) => writer.write(op) as never };
    admission = localAdmission();
  }
  store = { ...reads, ...writes, admission };
  return store;
}

/**
 * The primary's side: one writer and one admission gate for all workers. Returns the writer
 * (for a graceful shutdown's drain).
 */
export function hostExamWriter(workers: typeof cluster) {
  const writer = localWriter();
  const admission = localAdmission();
  const outboxes = new Map<Worker, Reply[]>();
  const reply = (worker: Worker, r: Reply) => {
    let box = outboxes.get(worker);
    if (!box) {
      const replies: Reply[] = (box = []);
      outboxes.set(worker, replies);
      // A committed batch resolves all its writes at once: their answers leave in one message.
      setImmediate(() => {
        outboxes.delete(worker);
        if (worker.isConnected()) worker.send({ tag: IPC_TAG, replies } satisfies ReplyMessage);
      });
    }
    box.push(r);
  };
  workers.on("message", (worker, msg: CallMessage) => {
    if (msg?.tag !== IPC_TAG) return;
    for (const c of msg.calls) {
      const work = c.call === "write" ? writer.write(c.op) : admission.request(c.key, c.nowMs);
      work.then(
        (value) => reply(worker, { id: c.id, ok: true, value }),
        (e: unknown) => reply(worker, { id: c.id, ok: false, message: String((e as Error)?.message ?? e) }),
      );
    }
  });
  return writer;
}
