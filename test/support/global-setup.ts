// Prepares the databases of one vitest run. SQLite: one migrated template file, which each test
// file copies (see db-setup.ts). PostgreSQL (TEST_DB=postgresql): the schemas a previous run left
// are dropped first and after the run.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

async function dropTestSchemas(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(`SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE 'zwt%'`);
    for (const r of rows) await client.query(`DROP SCHEMA "${r.name}" CASCADE`);
  } finally {
    await client.end();
  }
}

export default async function setup() {
  if (process.env.TEST_DB === "postgresql") {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error("TEST_DB=postgresql needs TEST_DATABASE_URL");
    await dropTestSchemas(url);
    return () => dropTestSchemas(url);
  }
  const template = path.resolve("data/test-template.db");
  fs.mkdirSync(path.dirname(template), { recursive: true });
  for (const s of ["", "-wal", "-shm"]) fs.rmSync(template + s, { force: true });
  execFileSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${template}` },
    stdio: "pipe",
  });
}
