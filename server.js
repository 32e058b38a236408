// Production server: express serving the React Router build, one worker process per core
// (node:cluster). Kept small: static assets, compression, the exam's JSON API and /health answered
// before express and React Router, and the one thing the app cannot learn from a Fetch Request — the client's
// address, passed in a header that this server alone sets.
//
// SQLite has one writer: the primary process holds the exam store's write connection and its
// admission gate; the workers send it their exam writes over the cluster channel (decision 013).
// EXAM_WORKERS=1 runs everything in one process.
import cluster from "node:cluster";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";
import express from "express";
import compression from "compression";
import { createRequestHandler } from "@react-router/express";

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const trustProxy = process.env.TRUST_PROXY === "1";
const buildPath = path.resolve("build/server/index.js");
const build = await import(buildPath);
const examRuntime = build.entry.module.examRuntime;
const workerCount = Math.max(1, Number(process.env.EXAM_WORKERS) || os.availableParallelism());

if (cluster.isPrimary && workerCount > 1) {
  const primary = examRuntime.startPrimary(cluster);
  let stopping = false;
  const alive = () => Object.values(cluster.workers ?? {}).filter((w) => w && !w.isDead()).length;
  const finish = () => void primary.drain().then(() => process.exit(0));
  const fork = () => cluster.fork({ ZW_EXAM_WRITER: "primary" });
  for (let i = 0; i < workerCount; i++) fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (alive() === 0) finish();
      return;
    }
    console.error(`工作进程 ${worker.process.pid} 已退出（${signal ?? code}），正在重启。`);
    fork();
  });
  let announced = 0;
  cluster.on("listening", () => {
    if (++announced === workerCount)
      console.log(`政务服务综合窗口办事员 认证与能力平台已启动：http://localhost:${port}（${workerCount} 个工作进程）`);
  });
  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.once(signal, () => {
      // Stop accepting, let the workers finish their requests (their writes are committed here), then exit.
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.disconnect();
      if (alive() === 0) finish();
      // Workers still busy after 15 s (a hung connection): stop them, commit what reached the writer.
      setTimeout(() => {
        for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGKILL");
        finish();
      }, 15_000).unref();
    });
  }
} else {
  serve(workerCount === 1 ? examRuntime.startSingleProcess() : null);
}

function serve(single) {
  // The build's assets are content-hashed and never change: each is compressed once (gzip and
  // brotli, in the background at start-up) instead of on every request. A whole exam room opening
  // the login page at once otherwise spends a core on compressing the same JavaScript again and again.
  const assetDir = path.resolve("build/client/assets");
  const compressedAssets = new Map();
  const gzip = promisify(zlib.gzip);
  const brotli = promisify(zlib.brotliCompress);
  void (async () => {
    for (const name of fs.existsSync(assetDir) ? fs.readdirSync(assetDir) : []) {
      const raw = await fs.promises.readFile(path.join(assetDir, name));
      if (raw.length < 1024) continue;
      const [gz, br] = await Promise.all([
        gzip(raw, { level: 9 }),
        brotli(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
      ]);
      compressedAssets.set(name, { gzip: gz, br });
    }
  })().catch((e) => console.error("静态资源将按请求压缩：", e));

  function precompressed(req, res, next) {
    const entry = (req.method === "GET" || req.method === "HEAD") && compressedAssets.get(req.path.slice(1));
    const accept = String(req.headers["accept-encoding"] ?? "");
    const encoding = !entry ? null : /\bbr\b/.test(accept) ? "br" : /\bgzip\b/.test(accept) ? "gzip" : null;
    if (!encoding) return next();
    res.setHeader("Cache-Control", "public, max-age=31536000, immutable");
    res.setHeader("Vary", "Accept-Encoding");
    const etag = `"${req.path.slice(1)}.${encoding}"`;
    res.setHeader("ETag", etag);
    if (req.headers["if-none-match"] === etag) return res.status(304).end();
    res.type(path.extname(req.path));
    res.setHeader("Content-Encoding", encoding);
    res.setHeader("Content-Length", entry[encoding].length);
    res.end(req.method === "HEAD" ? undefined : entry[encoding]);
  }

  const app = express();
  app.disable("x-powered-by");
  if (trustProxy) app.set("trust proxy", true);
  app.use("/assets", precompressed);
  // React Router streams its responses without a length, so compression cannot skip small ones by
  // size: a gzip stream was set up for every 200-byte poll and save of the exam page. Those JSON
  // calls (and form actions, whose answers are as small) are sent as they are.
  app.use(compression({ filter: (req, res) => req.method === "GET" && !req.path.startsWith("/exam/api") && compression.filter(req, res) }));
  app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
  // Only paths that name a file can be one of the build's public files: the pages, their route
  // data (.data) and the exam page's calls go straight on, without a file lookup each.
  const publicFiles = express.static("build/client", { maxAge: "1h" });
  app.use((req, res, next) => (/\.[a-z0-9]+$/i.test(req.path) && !req.path.endsWith(".data") ? publicFiles(req, res, next) : next()));
  app.use((req, _res, next) => {
    req.headers["x-zw-client-address"] = (trustProxy ? req.ip : req.socket.remoteAddress) ?? "unknown";
    req.headers["x-zw-client-proto"] = req.protocol;
    next();
  });
  app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV ?? "production" }));

  // The exam's hot path (sign-in, paper, poll, claim, save, submit) and the health check are
  // answered by Node's own handler, before express: plain JSON, no middleware, no page rendering.
  const failed = (res, e) => {
    console.error(e);
    if (!res.headersSent) res.writeHead(500, { "Content-Type": "application/json; charset=utf-8" });
    res.end(JSON.stringify({ message: "服务器暂时无法处理请求，请稍后重试。" }));
  };
  const server = http.createServer((req, res) => {
    const url = req.url ?? "/";
    if (url.startsWith("/exam/api")) examRuntime.handleExamApi(req, res, trustProxy).catch((e) => failed(res, e));
    else if (url === "/health") examRuntime.handleHealth(req, res).catch((e) => failed(res, e));
    else app(req, res);
  });
  server.listen({ port, host, backlog: 4096 }, () => {
    if (!cluster.isWorker) console.log(`政务服务综合窗口办事员 认证与能力平台已启动：http://localhost:${port}`);
  });
  // An exam page polls every 10 s and saves as answers change. With Node's default 5 s keep-alive
  // every one of those requests opened a new connection (thousands a second in a large sitting,
  // and connection resets when a reused connection was being closed); idle connections now stay
  // open for 65 s, as browsers expect, and a burst of new connections queues instead of being dropped.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  // Stop accepting; once the requests in flight are answered, the writes they left are flushed.
  const shutdown = () =>
    server.close(() => {
      single?.stop();
      void examRuntime.drainWrites().finally(() => process.exit(0));
    });
  if (cluster.isWorker) {
    // The primary stops the workers (cluster disconnect); a signal to the whole group is left to it.
    for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => {});
    process.on("disconnect", shutdown);
  } else for (const signal of ["SIGTERM", "SIGINT"]) process.once(signal, shutdown);
}
