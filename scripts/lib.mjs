// Shared steps of `npm start` and `npm test`: both must work on a fresh clone by themselves.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: "inherit", cwd: root, ...opts, env: { ...process.env, ...(opts.env ?? {}) } });
  if (r.status !== 0) {
    console.error(`\n命令失败：${cmd} ${args.join(" ")}`);
    process.exit(r.status ?? 1);
  }
}

const bin = (name) => path.join(root, "node_modules", ".bin", name);
export const runBin = (name, args, opts) => run(bin(name), args, opts);

/** npm ci when node_modules is missing or older than the lockfile. */
export function ensureDependencies() {
  const marker = path.join(root, "node_modules", ".package-lock.json");
  const lock = path.join(root, "package-lock.json");
  if (!fs.existsSync(marker) || fs.statSync(marker).mtimeMs < fs.statSync(lock).mtimeMs) {
    console.log("正在安装依赖（首次约需 2 分钟）…");
    run("npm", ["ci", "--no-audit", "--no-fund"]);
  }
  if (!fs.existsSync(path.join(root, "app", "generated", "prisma", "client.ts"))) runBin("prisma", ["generate"]);
  if (!fs.existsSync(path.join(root, "app", "generated", "prisma-pg", "client.ts")))
    runBin("prisma", ["generate", "--config", "prisma/postgresql/prisma.config.ts"]);
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === "generated") continue;
      newest = Math.max(newest, newestMtime(p));
    } else newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds when there is no build or the sources are newer than it. */
export function ensureBuild({ force = false } = {}) {
  const out = path.join(root, "build", "server", "index.js");
  const sources = Math.max(newestMtime(path.join(root, "app")), fs.statSync(path.join(root, "package-lock.json")).mtimeMs);
  if (force || !fs.existsSync(out) || fs.statSync(out).mtimeMs < sources) {
    console.log("正在构建生产版本…");
    runBin("react-router", ["build"]);
  }
}

/**
 * Migrates the database, and seeds demo data when it has none. `url`: a SQLite file (`file:…`,
 * through Prisma's migrations) or a PostgreSQL URL (the committed PostgreSQL migrations on pg).
 * `fresh`: start from an empty database (the SQLite file removed, the URL's PostgreSQL schema dropped).
 */
export function prepareDatabase(url, { fresh = false } = {}) {
  const env = { DATABASE_URL: url };
  if (url.startsWith("file:")) {
    const dbFile = url.slice(5);
    fs.mkdirSync(path.dirname(dbFile), { recursive: true });
    if (fresh) for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(dbFile + suffix, { force: true });
    runBin("prisma", ["migrate", "deploy"], { env });
  } else runBin("tsx", ["--tsconfig", "tsconfig.json", "scripts/pg-migrate.ts", ...(fresh ? ["--fresh"] : [])], { env });
  runBin("tsx", ["--tsconfig", "tsconfig.json", "prisma/seed.ts"], { env });
  return env;
}

/**
 * A PostgreSQL for the tests: TEST_DATABASE_URL if set; else, as root on a machine with the Debian
 * postgresql package (as .ci/run installs it), the local cluster, started if needed, with a test
 * role and database created once. Null when there is none (the PostgreSQL tests then skip and say so).
 */
export function testPostgresUrl() {
  if (process.env.TEST_DATABASE_URL) return process.env.TEST_DATABASE_URL;
  if (process.getuid?.() !== 0 || spawnSync("which", ["pg_lsclusters"]).status !== 0) return null;
  const clusters = spawnSync("pg_lsclusters", ["-h"], { encoding: "utf8" }).stdout.trim().split("\n").filter(Boolean);
  if (clusters.length === 0) return null;
  const [version, name, port, status] = clusters[0].split(/\s+/);
  if (status !== "online" && spawnSync("pg_ctlcluster", [version, name, "start"], { stdio: "inherit" }).status !== 0) return null;
  const psql = (sql) => spawnSync("runuser", ["-u", "postgres", "--", "psql", "-p", port, "-qtAc", sql], { encoding: "utf8" });
  if (!psql("SELECT 1 FROM pg_roles WHERE rolname = 'zw_test'").stdout?.trim())
    psql("CREATE ROLE zw_test LOGIN PASSWORD 'zw_test' CREATEDB");
  if (!psql("SELECT 1 FROM pg_database WHERE datname = 'zw_test'").stdout?.trim()) psql("CREATE DATABASE zw_test OWNER zw_test");
  else psql("ALTER DATABASE zw_test OWNER TO zw_test"); // a database left by hand may belong to someone else
  return `postgresql://zw_test:zw_test@127.0.0.1:${port}/zw_test`;
}
