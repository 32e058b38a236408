// The server the browser tests run against: production build, fresh seeded database.
import { spawn } from "node:child_process";
import path from "node:path";
import { prepareDatabase, root } from "./lib.mjs";

const dbFile = process.env.E2E_DB ?? path.join(root, "data", "e2e.db");
const env = prepareDatabase(dbFile, { fresh: true });
const server = spawn(process.execPath, ["server.js"], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, ...env, NODE_ENV: "production", HOST: "127.0.0.1" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
