// `npm test`: every test — bank validation and lint, type check, ESLint and Prettier, unit and
// architecture tests, browser tests — on a fresh build.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { ensureBuild, ensureDependencies, run, runBin, testPostgresUrl } from "./lib.mjs";

ensureDependencies();

function chromiumPath() {
  if (process.env.PLAYWRIGHT_CHROMIUM_PATH) return process.env.PLAYWRIGHT_CHROMIUM_PATH;
  for (const p of ["/usr/bin/chromium", "/usr/bin/chromium-browser"]) if (fs.existsSync(p)) return p;
  return null;
}

if (!chromiumPath() && !process.env.PLAYWRIGHT_USE_BUNDLED) {
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync("which", ["apt-get"]).status === 0;
  if (isRoot && hasApt) {
    console.log("未找到 Chromium，正在通过 apt 安装…");
    run("apt-get", ["update", "-qq"]);
    run("apt-get", ["install", "-y", "-qq", "chromium"], { env: { DEBIAN_FRONTEND: "noninteractive" } });
  } else {
    console.error(
      "浏览器测试需要 Chromium：请安装（Debian: apt-get install -y chromium），或设置 PLAYWRIGHT_CHROMIUM_PATH，或设置 PLAYWRIGHT_USE_BUNDLED=1 使用 Playwright 自带浏览器。",
    );
    process.exit(1);
  }
}

runBin("tsx", ["--tsconfig", "tsconfig.json", "scripts/bank.ts", "validate"]);
// The bank's figures (cue-only candidate, key spread, near-duplicates, law currency); fails on its thresholds.
runBin("tsx", ["--tsconfig", "tsconfig.json", "scripts/bank.ts", "lint"]);
ensureBuild({ force: true });
runBin("react-router", ["typegen"]);
runBin("tsc", ["--noEmit"]);
runBin("eslint", [".", "--max-warnings", "0"]);
runBin("prettier", ["--check", "."]);
// With a PostgreSQL, every suite runs twice: on SQLite (the embedded default) and on PostgreSQL.
const postgresUrl = testPostgresUrl();
console.log(
  postgresUrl
    ? `PostgreSQL 测试数据库：${postgresUrl.replace(/:[^:@/]+@/, ":***@")}`
    : "未找到 PostgreSQL：跳过在 PostgreSQL 上的迁移测试（设置 TEST_DATABASE_URL，或以 root 安装 Debian 的 postgresql 包）。",
);
console.log("单元、集成与架构测试：SQLite");
runBin("vitest", ["run"], { env: postgresUrl ? { TEST_DATABASE_URL: postgresUrl } : {} });
if (postgresUrl) {
  // The same suites on PostgreSQL: each test file on a fresh schema of its own (test/support/db-setup.ts).
  console.log("单元、集成与架构测试：PostgreSQL");
  runBin("vitest", ["run"], { env: { TEST_DB: "postgresql", TEST_DATABASE_URL: postgresUrl } });
}
console.log("浏览器测试：SQLite");
runBin("playwright", ["test"]);
if (postgresUrl) {
  // Every user journey again with the app on PostgreSQL (schema zw_e2e, dropped and migrated first).
  console.log("浏览器测试：PostgreSQL");
  const e2eUrl = `${postgresUrl}${postgresUrl.includes("?") ? "&" : "?"}schema=zw_e2e`;
  runBin("playwright", ["test"], { env: { E2E_DATABASE_URL: e2eUrl } });
}
