// Per-worker database: a copy of the migrated template, set before any test imports db.server.
import fs from "node:fs";
import path from "node:path";

const worker = process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? "0";
const file = path.resolve(`data/test-unit-${worker}.db`);
for (const s of ["", "-wal", "-shm"]) fs.rmSync(file + s, { force: true });
fs.copyFileSync(path.resolve("data/test-template.db"), file);
process.env.DATABASE_URL = `file:${file}`;
