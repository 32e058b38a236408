// Which exam store this process uses. A single process (tests, `npm run dev`, EXAM_WORKERS=1)
// reads and writes itself. In the cluster that `npm start` runs, every worker reads on its own
// connection and sends its writes (and admission requests) to the primary process, which holds
// the one write connection: SQLite has a single writer, so one process commits every batch and
// no worker ever meets SQLITE_BUSY on the hot path (decision 013).
import cluster from "node:cluster";
import { AdmissionGate } from "~/domain/admission";
import { databaseUrl } from "~/platform/config.server";
import { capacityConfig } from "./capacity.server";
import { GroupCommitWriter } from "./group-commit.server";
import { openConnection, sqliteFile, sqliteReads, sqliteWriteSteps } from "./sqlite.server";
import type { AdmissionAnswer, ExamAdmission, ExamStore, ExamWrites, WriteOp, WriteResult } from "./types";

export const IPC_TAG = "zw-exam";
type CallBody = { call: "write"; op: WriteOp } | { call: "admit"; key: string; nowMs: number };
type Call = { tag: typeof IPC_TAG; id: number } & CallBody;
type Reply =
  { tag: typeof IPC_TAG; id: number; ok: true; value: unknown } | { tag: typeof IPC_TAG; id: number; ok: false; message: string };

export function storeFile(): string {
  const url = databaseUrl();
  if (!url.startsWith("file:")) throw new Error("The exam store supports SQLite (file:) databases; PostgreSQL follows (issue 14).");
  return sqliteFile(url);
}

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
  process.on("message", (msg: Reply) => {
    if (msg?.tag !== IPC_TAG) return;
    const w = waiting.get(msg.id);
    if (!w) return;
    waiting.delete(msg.id);
    if (msg.ok) w.resolve(msg.value);
    else w.reject(new Error(msg.message));
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
      process.send!({ tag: IPC_TAG, id, ...body } as Call, undefined, undefined, (err) => {
        if (err) {
          waiting.delete(id);
          reject(err);
        }
      });
    });
}

let store: ExamStore | undefined;

export function examStore(): ExamStore {
  if (store) return store;
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
  workers.on("message", (worker, msg: Call) => {
    if (msg?.tag !== IPC_TAG) return;
    const work = msg.call === "write" ? writer.write(msg.op) : admission.request(msg.key, msg.nowMs);
    work.then(
      (value) => worker.isConnected() && worker.send({ tag: IPC_TAG, id: msg.id, ok: true, value } satisfies Reply),
      (e: unknown) =>
        worker.isConnected() &&
        worker.send({ tag: IPC_TAG, id: msg.id, ok: false, message: String((e as Error)?.message ?? e) } satisfies Reply),
    );
  });
  return writer;
}
