import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const dbFile = path.resolve("data/e2e.db");
const executablePath = process.env.PLAYWRIGHT_USE_BUNDLED ? undefined : (process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium");

export default defineConfig({
  testDir: "test/e2e",
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    // Traces are opt-in (PW_TRACE=1): writing them for every context slowed the 2-core runs and
    // once failed a context close with a trace-stream error.
    trace: process.env.PW_TRACE ? "retain-on-failure" : "off",
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], viewport: { width: 1366, height: 768 } } }],
  webServer: {
    // A fresh database per run: migrated and seeded with the demo data.
    command: `node scripts/e2e-server.mjs`,
    url: `http://127.0.0.1:${PORT}/login`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: { PORT: String(PORT), E2E_DB: dbFile },
  },
});
