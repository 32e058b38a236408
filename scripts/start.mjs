// `npm start`: install if needed, migrate (and seed an empty database), build if stale, serve.
import { spawn } from "node:child_process";
import path from "node:path";
import { ensureBuild, ensureDependencies, prepareDatabase, root } from "./lib.mjs";

ensureDependencies();
const dbFile = process.env.DATABASE_URL?.startsWith("file:")
  ? path.resolve(root, process.env.DATABASE_URL.slice(5))
  : path.join(root, "data", "app.db");
const env = prepareDatabase(dbFile);
ensureBuild();

const server = spawn(process.execPath, ["server.js"], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, ...env, NODE_ENV: "production", PORT: process.env.PORT ?? "3000" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
