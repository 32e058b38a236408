// `npm start`: install if needed, migrate (and seed an empty database), build if stale, serve.
import { spawn } from "node:child_process";
import path from "node:path";
import { ensureBuild, ensureDependencies, prepareDatabase, root } from "./lib.mjs";

ensureDependencies();
// DATABASE_URL: the embedded SQLite file by default, or a PostgreSQL server (postgresql://…).
const url = process.env.DATABASE_URL ?? `file:${path.join(root, "data", "app.db")}`;
const env = prepareDatabase(url.startsWith("file:") ? `file:${path.resolve(root, url.slice(5))}` : url);
ensureBuild();

const server = spawn(process.execPath, ["server.js"], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, ...env, NODE_ENV: "production", PORT: process.env.PORT ?? "3000" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
