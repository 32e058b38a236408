// Moving a center's SQLite database to PostgreSQL (scripts/copy-to-postgres.ts) on a real
// PostgreSQL: every table copied with equal row counts and checksums, and — checked independently
// of the command's own checksums — the PostgreSQL Prisma client reads the same records as the
// SQLite one. A second copy into the now non-empty database is refused. Needs TEST_DATABASE_URL
// (see pg-migrations.test.ts); skips without it.
import { randomBytes } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient as PgPrismaClient } from "~/generated/prisma-pg/client";
import { importBank, loadBankFromDisk } from "~/features/bank/index.server";
import { db } from "~/platform/db.server";
import { copyToPostgres } from "../../scripts/copy-to-postgres";
import { scenario } from "../support/sitting-scenario";

const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)("copy a SQLite database to PostgreSQL", () => {
  const schema = `zw_copy_${randomBytes(4).toString("hex")}`;
  let admin: pg.Client;
  beforeAll(async () => {
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA "${schema}"`);
    const bank = loadBankFromDisk();
    await importBank(db, bank.items, bank.version);
    const s = await scenario("CPY", new Date(Date.now() + 86_400_000), 3);
    // a street center under the district one: a self-reference the copy must keep
    await db.center.create({ data: { name: "复制测试街道中心", kind: "street", code: "CPYS", parentId: s.center.id } });
  }, 60_000);
  afterAll(async () => {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  });

  it("copies every table with equal counts and checksums, and Prisma on PostgreSQL reads the same records", async () => {
    const file = process.env.DATABASE_URL!.replace(/^file:/, "");
    const r = await copyToPostgres(file, url!, { schema });
    expect(r.ok, r.ok ? "" : r.message).toBe(true);
    if (!r.ok) return;
    expect(r.tables.length).toBeGreaterThanOrEqual(40);
    for (const t of r.tables) expect(t.targetSum, t.table).toBe(t.sourceSum);
    expect(r.tables.find((t) => t.table === "QuestionItem")!.rows).toBe(await db.questionItem.count());

    const pgClient = new PgPrismaClient({ adapter: new PrismaPg({ connectionString: url }, { schema }) });
    try {
      const byId = { orderBy: { id: "asc" as const } };
      expect(await pgClient.center.findMany(byId)).toEqual(await db.center.findMany(byId));
      expect(await pgClient.person.findMany(byId)).toEqual(await db.person.findMany(byId));
      expect(await pgClient.sitting.findMany(byId)).toEqual(await db.sitting.findMany(byId));
      expect(await pgClient.registration.findMany(byId)).toEqual(await db.registration.findMany(byId));
      expect(await pgClient.auditLog.findMany(byId)).toEqual(await db.auditLog.findMany(byId));
      expect(await pgClient.questionItem.findMany(byId)).toEqual(await db.questionItem.findMany(byId));
      const street = await pgClient.center.findUniqueOrThrow({ where: { code: "CPYS" }, include: { parent: true } });
      expect(street.parent?.code).toBe("CPY");
    } finally {
      await pgClient.$disconnect();
    }

    const again = await copyToPostgres(file, url!, { schema });
    expect(again).toMatchObject({ ok: false, message: expect.stringContaining("目标数据库不是空的") });
  }, 60_000);
});
