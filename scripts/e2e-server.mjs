// The server the browser tests run against: production build, fresh seeded database.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { prepareDatabase, root } from "./lib.mjs";

// E2E_DATABASE_URL: the browser tests' PostgreSQL pass (a schema of its own); else a SQLite file.
const url = process.env.E2E_DATABASE_URL ?? `file:${process.env.E2E_DB ?? path.join(root, "data", "e2e.db")}`;
// The bank screen writes review states into the bank files: the browser tests work on a copy, so
// that a run never changes the repository's question-bank/.
const bankCopy = path.join(root, "data", "e2e-bank");
fs.rmSync(bankCopy, { recursive: true, force: true });
fs.cpSync(path.join(root, "question-bank"), bankCopy, { recursive: true });
process.env.BANK_DIR = path.join(bankCopy, "theory");
process.env.SKILL_DIR = path.join(bankCopy, "skill");
const env = prepareDatabase(url, { fresh: true });
const server = spawn(process.execPath, ["server.js"], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, ...env, NODE_ENV: "production", HOST: "127.0.0.1" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
