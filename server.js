// Production server: express serving the React Router build. Kept small: static assets,
// compression, and the one thing the app cannot learn from a Fetch Request — the client's
// address, passed in a header that this server alone sets.
import path from "node:path";
import express from "express";
import compression from "compression";
import { createRequestHandler } from "@react-router/express";

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const trustProxy = process.env.TRUST_PROXY === "1";
const buildPath = path.resolve("build/server/index.js");
const build = await import(buildPath);

const app = express();
app.disable("x-powered-by");
if (trustProxy) app.set("trust proxy", true);
app.use(compression());
app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
app.use(express.static("build/client", { maxAge: "1h" }));
app.use((req, _res, next) => {
  req.headers["x-zw-client-address"] = (trustProxy ? req.ip : req.socket.remoteAddress) ?? "unknown";
  req.headers["x-zw-client-proto"] = req.protocol;
  next();
});
app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV ?? "production" }));

const server = app.listen(port, host, () => {
  console.log(`政务服务综合窗口办事员 认证与能力平台已启动：http://localhost:${port}`);
});
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.once(signal, () => server.close(() => process.exit(0)));
}
