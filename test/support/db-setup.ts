// Per-test-file database, set before any test imports db.server. SQLite (the default): a copy of
// the migrated template file. PostgreSQL (TEST_DB=postgresql, npm test's second pass): a fresh
// schema on TEST_DATABASE_URL with the committed PostgreSQL migrations applied, named in
// DATABASE_URL's `schema` parameter.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { applyPgMigrations } from "~/platform/pg-migrations.server";

const worker = process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? "0";

if (process.env.TEST_DB === "postgresql") {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error("TEST_DB=postgresql needs TEST_DATABASE_URL");
  const schema = `zwt${worker}_${randomBytes(3).toString("hex")}`;
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA "${schema}"`);
    await client.query(`SET search_path TO "${schema}"`);
    await applyPgMigrations(client);
  } finally {
    await client.end();
  }
  const url = new URL(base);
  url.searchParams.set("schema", schema);
  process.env.DATABASE_URL = url.toString();
} else {
  const file = path.resolve(`data/test-unit-${worker}.db`);
  for (const s of ["", "-wal", "-shm"]) fs.rmSync(file + s, { force: true });
  fs.copyFileSync(path.resolve("data/test-template.db"), file);
  process.env.DATABASE_URL = `file:${file}`;
}
