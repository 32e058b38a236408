import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

// TEST_DB=postgresql: npm test's second pass, every suite that touches the database again on
// PostgreSQL. Left out there: the tests of the SQLite exam store and of moving a SQLite database
// up (they are about SQLite, and run in the first pass; the latter two already use PostgreSQL).
const onPostgres = process.env.TEST_DB === "postgresql";
const sqliteOnly = ["test/unit/exam-store.test.ts", "test/unit/pg-migrations.test.ts", "test/unit/copy-to-postgres.test.ts"];
// Only in the PostgreSQL pass: what the PostgreSQL exam store must do beyond the common contract.
const postgresOnly = ["test/unit/exam-store-postgres.test.ts"];

export default defineConfig({
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  test: {
    include: ["test/unit/**/*.test.ts", "test/architecture/**/*.test.ts"],
    exclude: onPostgres ? sqliteOnly : postgresOnly,
    environment: "node",
    pool: "forks",
    globalSetup: ["test/support/global-setup.ts"],
    setupFiles: ["test/support/db-setup.ts"],
  },
});
