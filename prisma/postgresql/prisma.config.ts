// Prisma CLI configuration for the PostgreSQL side (generated schema, see scripts/postgres-schema.mjs):
// `prisma generate --config prisma/postgresql/prisma.config.ts` builds app/generated/prisma-pg.
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

// The schema reads DATABASE_URL; generating needs a value of the right form, not a database.
process.env.DATABASE_URL ??= "postgresql://localhost:5432/unused";

export default defineConfig({
  schema: path.join(import.meta.dirname, "schema.prisma"),
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    return new PrismaPg({ connectionString: process.env.DATABASE_URL! });
  },
});
