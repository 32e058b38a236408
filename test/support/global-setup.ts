// Builds one migrated template database per vitest run; each worker copies it (see db-setup.ts).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export default function setup() {
  const template = path.resolve("data/test-template.db");
  fs.mkdirSync(path.dirname(template), { recursive: true });
  for (const s of ["", "-wal", "-shm"]) fs.rmSync(template + s, { force: true });
  execFileSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${template}` },
    stdio: "pipe",
  });
}
