// The PostgreSQL side of `npm run bench:cluster`: a cluster on this machine (the Debian
// postgresql package's tools, as root), a fresh schema migrated and seeded with the app's own
// scripts, the raw durable commit rate, the schema's size on disk, and a restart for the fault run.
//
// By default the bench runs its own cluster (`bench`, port 5433) next to the tests' `main`: the
// restart fault must not take the database away from a test run on the same machine.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { log, root, run } from "./prepare";
import { answerLikeRow } from "./raw-sqlite";

export type PgCluster = { version: string; name: string; port: number; dataDir: string };

function must(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.status}): ${r.stderr || r.stdout}`);
  return r.stdout;
}

function clusters(): PgCluster[] {
  return must("pg_lsclusters", ["-h"])
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((l) => l.split(/\s+/))
    .map(([version, name, port, , , dataDir]) => ({ version, name, port: Number(port), dataDir }));
}

const online = (c: PgCluster) => must("pg_lsclusters", ["-h", c.version, c.name]).split(/\s+/)[3] === "online";

/**
 * The named cluster, created (pg_createcluster, at `port`) when missing and started when down,
 * with a login role and a database of the same name (`role` / password `role`).
 */
export function ensureCluster(name: string, port: number, role: string): { cluster: PgCluster; url: (schema: string) => string } {
  if (process.getuid?.() !== 0 || spawnSync("which", ["pg_createcluster"]).status !== 0)
    throw new Error("bench:cluster needs root and the Debian postgresql package (apt-get install -y postgresql)");
  let cluster = clusters().find((c) => c.name === name);
  if (!cluster) {
    const version = fs
      .readdirSync("/usr/lib/postgresql")
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a))[0];
    log(`creating the PostgreSQL cluster ${version}/${name} on port ${port}…`);
    must("pg_createcluster", [version, name, "-p", String(port), "-o", "max_connections=200"]);
    cluster = clusters().find((c) => c.name === name)!;
  }
  if (!online(cluster)) must("pg_ctlcluster", [cluster.version, cluster.name, "start"]);
  const sql = (q: string) => must("runuser", ["-u", "postgres", "--", "psql", "-p", String(cluster.port), "-qtAc", q]).trim();
  if (!sql(`SELECT 1 FROM pg_roles WHERE rolname = '${role}'`)) sql(`CREATE ROLE ${role} LOGIN PASSWORD '${role}'`);
  if (!sql(`SELECT 1 FROM pg_database WHERE datname = '${role}'`)) sql(`CREATE DATABASE ${role} OWNER ${role}`);
  const c = cluster;
  return { cluster: c, url: (schema) => `postgresql://${role}:${role}@127.0.0.1:${c.port}/${role}?schema=${schema}` };
}

/** Drops the URL's schema, applies the committed PostgreSQL migrations and seeds the demo data (the app's own scripts). */
export function freshSchema(url: string) {
  const tsx = path.join(root, "node_modules", ".bin", "tsx");
  run(tsx, ["--tsconfig", "tsconfig.json", "scripts/pg-migrate.ts", "--fresh"], { DATABASE_URL: url }, true);
  run(tsx, ["--tsconfig", "tsconfig.json", "prisma/seed.ts"], { DATABASE_URL: url }, true);
}

/** The postmaster's pid (first line of postmaster.pid): the root of the cluster's processes. */
export function postmasterPid(cluster: PgCluster): number {
  return Number(fs.readFileSync(path.join(cluster.dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
}

/**
 * `pg_ctlcluster … restart`: `fast` shuts down cleanly (a checkpoint), `immediate` like a crash
 * (the restart replays the WAL: only what was flushed at COMMIT survives). Returns the seconds taken.
 */
export async function restartCluster(cluster: PgCluster, mode: "fast" | "immediate"): Promise<number> {
  const t = performance.now();
  // Asynchronously: the simulated candidates of this process keep sending while it runs.
  const p = spawn("pg_ctlcluster", [cluster.version, cluster.name, "restart", "-m", mode], { stdio: ["ignore", "ignore", "pipe"] });
  let err = "";
  p.stderr!.on("data", (d) => (err += d));
  const code = await new Promise<number | null>((resolve) => p.on("exit", resolve));
  if (code !== 0) throw new Error(`pg_ctlcluster restart failed (${code}): ${err}`);
  return +((performance.now() - t) / 1000).toFixed(2);
}

export type PgRawRate = { concurrency: number; commits: number; seconds: number; perSecond: number };

/**
 * The database's raw durable commit rate: `concurrency` connections, each inserting one
 * Answer-shaped row per statement in autocommit (each INSERT its own transaction, its COMMIT
 * returning after the WAL flush: synchronous_commit=on, as the exam store sets it), back to back.
 * Concurrent sessions share WAL flushes (PostgreSQL's own group commit), so the rate rises with them.
 */
export async function pgRawCommitRate(url: string, concurrency: number, seconds: number): Promise<PgRawRate> {
  const u = new URL(url);
  const schema = u.searchParams.get("schema")!;
  u.searchParams.delete("schema");
  const options = `-c search_path="${schema}" -c synchronous_commit=on`;
  const setup = new pg.Client({ connectionString: u.toString(), options });
  await setup.connect();
  await setup.query(`DROP TABLE IF EXISTS "BenchRawCommit"`);
  await setup.query(
    `CREATE TABLE "BenchRawCommit" ("attemptId" TEXT NOT NULL, "itemId" TEXT NOT NULL, "value" TEXT NOT NULL, "windowId" TEXT NOT NULL, "seq" BIGINT NOT NULL, "savedAt" TIMESTAMP(3) NOT NULL, PRIMARY KEY ("attemptId", "itemId"))`,
  );
  const clients = await Promise.all(
    Array.from({ length: concurrency }, async () => {
      const c = new pg.Client({ connectionString: u.toString(), options });
      await c.connect();
      return c;
    }),
  );
  const text = `INSERT INTO "BenchRawCommit" VALUES ($1, $2, $3, $4, $5, $6)`;
  let n = 0;
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  await Promise.all(
    clients.map(async (c) => {
      while (performance.now() < end) await c.query({ name: "raw_insert", text, values: answerLikeRow(n++) });
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  await Promise.all(clients.map((c) => c.end()));
  await setup.query(`DROP TABLE "BenchRawCommit"`);
  await setup.end();
  return { concurrency, commits: n, seconds: +elapsed.toFixed(2), perSecond: Math.round(n / elapsed) };
}

export type SchemaSize = { bytes: number; databaseBytes: number; tables: Record<string, { rows: number; bytes: number }> };

/** The schema's tables on disk (heap, indexes and TOAST: pg_total_relation_size) and the whole database's size. */
export async function schemaSize(query: <T>(sql: string) => Promise<T[]>, schema: string): Promise<SchemaSize> {
  await query(`ANALYZE`);
  const rows = await query<{ name: string; bytes: bigint; rows: number }>(
    `SELECT c.relname::text AS name, pg_total_relation_size(c.oid) AS bytes, c.reltuples::float8 AS rows
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = '${schema}' AND c.relkind = 'r'`,
  );
  const [db] = await query<{ bytes: bigint }>(`SELECT pg_database_size(current_database()) AS bytes`);
  const tables = Object.fromEntries(rows.map((r) => [r.name, { rows: Math.max(0, Math.round(r.rows)), bytes: Number(r.bytes) }]));
  return { bytes: rows.reduce((n, r) => n + Number(r.bytes), 0), databaseBytes: Number(db.bytes), tables };
}
