import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

export default defineConfig({
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  test: {
    include: ["test/unit/**/*.test.ts", "test/architecture/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    globalSetup: ["test/support/global-setup.ts"],
    setupFiles: ["test/support/db-setup.ts"],
  },
});
