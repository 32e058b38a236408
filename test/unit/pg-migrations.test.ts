// The committed PostgreSQL migrations on a real PostgreSQL (issue 14): the generated schema has not
// drifted from prisma/schema.prisma, and the migrations apply on `pg` once, in a fresh schema, with
// every model as a table; a changed migration or two nodes starting at once are handled.
// Needs TEST_DATABASE_URL (npm test starts a local PostgreSQL when one is installed, and .ci/run
// installs one); without it only the drift check runs, and the PostgreSQL part says why it skipped.
import fs from "node:fs";
import { randomBytes } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient as PgPrismaClient } from "~/generated/prisma-pg/client";
import { afterAll, describe, expect, it } from "vitest";
import { applyPgMigrations, readPgMigrations } from "~/platform/pg-migrations.server";
// @ts-expect-error -- a plain ES module script without types
import { drift } from "../../scripts/postgres-schema.mjs";

const url = process.env.TEST_DATABASE_URL;
const models = [...fs.readFileSync("prisma/schema.prisma", "utf8").matchAll(/^model (\w+) \{/gm)].map((m) => m[1]);

describe("PostgreSQL schema", () => {
  it("is generated from prisma/schema.prisma, and its migrations lead to it", () => {
    expect(drift()).toEqual([]);
  }, 60_000);
});

describe.skipIf(!url)("PostgreSQL migrations on a real server (TEST_DATABASE_URL)", () => {
  const schema = `zw_test_${randomBytes(4).toString("hex")}`;
  const clients: pg.Client[] = [];
  async function client() {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await c.query(`SET search_path TO "${schema}"`);
    clients.push(c);
    return c;
  }
  afterAll(async () => {
    if (clients[0]) await clients[0].query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    for (const c of clients) await c.end();
  });

  it("applies every migration once and creates a table per model", async () => {
    const [a, b] = [await client(), await client()];
    // two nodes starting at once: one applies, the other finds it done
    const [ra, rb] = await Promise.all([applyPgMigrations(a), applyPgMigrations(b)]);
    const names = readPgMigrations().map((m) => m.name);
    expect([...ra.applied, ...rb.applied]).toEqual(names);
    expect([...ra.skipped, ...rb.skipped]).toEqual(names);
    const tables = await a.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1`, [
      schema,
    ]);
    expect(tables.rows.map((r) => r.table_name).sort()).toEqual([...models, "_zw_migrations"].sort());
    expect(await applyPgMigrations(a)).toEqual({ applied: [], skipped: names });
  });

  it("refuses a migration changed after it was applied, and changes nothing", async () => {
    const a = await client();
    const changed = readPgMigrations().map((m, k) => (k === 0 ? { ...m, checksum: "0".repeat(64) } : m));
    await expect(applyPgMigrations(a, changed)).rejects.toThrow(/在应用后被修改过/);
    const rows = await a.query(`SELECT count(*)::int AS n FROM "_zw_migrations"`);
    expect(rows.rows[0].n).toBe(changed.length);
  });

  it("serves the Prisma client generated from the PostgreSQL schema, through @prisma/adapter-pg", async () => {
    await applyPgMigrations(await client());
    const prisma = new PgPrismaClient({ adapter: new PrismaPg({ connectionString: url }, { schema }) });
    try {
      const center = await prisma.center.create({ data: { name: "PostgreSQL 测试中心", kind: "district", code: "PGT" } });
      await prisma.$transaction([
        prisma.department.create({ data: { centerId: center.id, name: "区税务局" } }),
        prisma.auditLog.create({
          data: { action: "center.create", centerId: center.id, target: center.id, at: new Date("2026-12-06T01:02:03.456Z") },
        }),
      ]);
      const back = await prisma.center.findUniqueOrThrow({ where: { code: "PGT" }, include: { departments: true } });
      expect(back.departments.map((d) => d.name)).toEqual(["区税务局"]);
      expect((await prisma.auditLog.findFirstOrThrow({ where: { target: center.id } })).at.toISOString()).toBe("2026-12-06T01:02:03.456Z");
      await expect(prisma.center.create({ data: { name: "PostgreSQL 测试中心", kind: "district", code: "PGU" } })).rejects.toMatchObject({
        code: "P2002",
      });
    } finally {
      await prisma.$disconnect();
    }
  });
});
