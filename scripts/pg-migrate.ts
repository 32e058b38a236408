// Applies the committed PostgreSQL migrations to DATABASE_URL (npm start on PostgreSQL, the
// browser tests' PostgreSQL pass). With --fresh, the URL's schema is dropped first: only a schema
// named in the URL, never the database's default one.
import pg from "pg";
import { postgresConnection, postgresTarget } from "~/platform/config.server";
import { applyPgMigrations } from "~/platform/pg-migrations.server";

const fresh = process.argv.includes("--fresh");
const target = postgresTarget();
if (fresh && !target.schema) {
  console.error("--fresh 只能用于在 DATABASE_URL 中以 schema 参数指定的模式（例如 ?schema=zw_e2e）。");
  process.exit(2);
}
const client = new pg.Client(postgresConnection(target));
await client.connect();
try {
  if (fresh) await client.query(`DROP SCHEMA IF EXISTS "${target.schema}" CASCADE`);
  if (target.schema) await client.query(`CREATE SCHEMA IF NOT EXISTS "${target.schema}"`);
  const r = await applyPgMigrations(client);
  console.log(`PostgreSQL 迁移：新应用 ${r.applied.length} 个，已是最新 ${r.skipped.length} 个。`);
} finally {
  await client.end();
}
