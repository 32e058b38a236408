// The exam's server runtime, for server.js (through the build's entry module): the JSON API
// answered straight from Node's request handler, the writer hosted by the cluster primary, and
// the deadline scheduler that submits everything due at 0:00. See decision 013.
import type cluster from "node:cluster";
import type { IncomingMessage, ServerResponse } from "node:http";
import { examApi } from "./api.server";
import { startDeadlineScheduler } from "./store/deadlines.server";
import { drainExamWrites, examStore, hostExamWriter, onPostgres, storeFile } from "./store/index.server";
import { openConnection, sqliteReads } from "./store/sqlite.server";

const MAX_BODY = 16 * 1024;

function readBody(req: IncomingMessage): Promise<string | null> {
  if (req.method !== "POST") return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(Object.assign(new Error("body too large"), { status: 413 }));
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function header(req: IncomingMessage, name: string): string | null {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : (v ?? null);
}

/**
 * Answers one request to /exam/api… . `trustProxy`: the client's address and scheme come from
 * the reverse proxy's X-Forwarded-For / X-Forwarded-Proto headers.
 */
export async function handleExamApi(req: IncomingMessage, res: ServerResponse, trustProxy: boolean): Promise<void> {
  const forwardedFor = trustProxy ? header(req, "x-forwarded-for")?.split(",")[0]?.trim() : undefined;
  const proto = trustProxy ? header(req, "x-forwarded-proto")?.split(",")[0]?.trim() : undefined;
  const secure = proto ? proto === "https" : "encrypted" in req.socket && Boolean(req.socket.encrypted);
  let body: string | null;
  try {
    body = await readBody(req);
  } catch {
    res.writeHead(413, { "Content-Type": "application/json; charset=utf-8" }).end(JSON.stringify({ message: "请求内容过大。" }));
    return;
  }
  const path = (req.url ?? "/").split("?")[0];
  const r = await examApi(
    req.method ?? "GET",
    path,
    { cookie: header(req, "cookie"), secure, ip: forwardedFor || req.socket.remoteAddress || null },
    body,
    header(req, "accept-encoding") ?? "",
  );
  res.writeHead(r.status, { ...r.headers, "Content-Length": Buffer.byteLength(r.body) });
  res.end(r.body);
}

/**
 * GET /health for a load balancer or a monitor: 200 while this process serves and its database
 * answers, 503 otherwise. Costs one trivial query; never touches the writer.
 */
export async function handleHealth(_req: IncomingMessage, res: ServerResponse): Promise<void> {
  let ok = false;
  try {
    ok = await examStore().ping();
  } catch {
    ok = false;
  }
  const body = JSON.stringify(ok ? { status: "ok" } : { status: "unavailable", message: "数据库暂时无法访问。" });
  res
    .writeHead(ok ? 200 : 503, {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "no-store",
      "Content-Length": Buffer.byteLength(body),
    })
    .end(body);
}

/** A process that serves requests and writes itself (EXAM_WORKERS=1, tests): the deadline scheduler runs here. */
export function startSingleProcess(): { stop: () => void } {
  const store = examStore();
  return { stop: startDeadlineScheduler(store, store) };
}

/** Before a process exits: the exam writes it accepted are committed (or failed, and the pages retry). */
export async function drainWrites(): Promise<void> {
  await drainExamWrites();
}

/**
 * The cluster primary: the deadline scheduler, and on SQLite the one exam writer for all workers
 * (on PostgreSQL each worker writes itself).
 */
export function startPrimary(workers: typeof cluster): { drain: () => Promise<void> } {
  if (onPostgres()) {
    const store = examStore();
    const stop = startDeadlineScheduler(store, store);
    return {
      drain: async () => {
        stop();
        await drainExamWrites();
      },
    };
  }
  const writer = hostExamWriter(workers);
  const reads = sqliteReads(openConnection(storeFile(), "read"));
  const stop = startDeadlineScheduler(reads, { write: (op) => writer.write(op) as never });
  return {
    drain: async () => {
      stop();
      await writer.drain();
    },
  };
}
