// Direct reads of the e2e database, for facts a browser cannot see (the paper's keys) and to move
// a room's clock back instead of waiting an hour. The server reads the same database: the SQLite
// file, or in the PostgreSQL pass the schema named by E2E_DATABASE_URL. The SQL here is the common
// subset of both (quoted identifiers, `?` placeholders, numbered for PostgreSQL).
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";

const postgresUrl = process.env.E2E_DATABASE_URL;
const file = path.resolve("data/e2e.db");

let pool: pg.Pool | undefined;
function postgres(): pg.Pool {
  if (pool) return pool;
  const u = new URL(postgresUrl!);
  const schema = u.searchParams.get("schema");
  u.searchParams.delete("schema");
  pool = new pg.Pool({ connectionString: u.toString(), max: 2, ...(schema ? { options: `-c search_path="${schema}"` } : {}) });
  return pool;
}

/** Rows of one statement; a write returns no rows. */
export async function dbQuery<T>(sql: string, ...params: unknown[]): Promise<T[]> {
  if (postgresUrl) {
    let n = 0;
    return (
      await postgres().query(
        sql.replace(/\?/g, () => `$${++n}`),
        params,
      )
    ).rows as T[];
  }
  const db = new Database(file);
  db.pragma("busy_timeout = 5000");
  try {
    const stmt = db.prepare(sql);
    if (!stmt.reader) {
      stmt.run(...params);
      return [];
    }
    return stmt.all(...params) as T[];
  } finally {
    db.close();
  }
}

export async function dbRow<T>(sql: string, ...params: unknown[]): Promise<T | undefined> {
  return (await dbQuery<T>(sql, ...params))[0];
}

/** A time as the app stores it: Prisma's SQLite text format, which PostgreSQL's timestamp also takes. */
export const dbTime = (d: Date) => d.toISOString().replace("Z", "+00:00");

async function paperItems<T>(sittingTitle: string): Promise<T[]> {
  const row = await dbRow<{ items: string }>(
    `SELECT p."items" AS "items" FROM "Sitting" s JOIN "Paper" p ON p."id" = s."paperId" WHERE s."title" = ?`,
    sittingTitle,
  );
  return JSON.parse(row!.items) as T[];
}

export async function paperKeys(sittingTitle: string): Promise<Map<string, { type: string; key: string | string[] }>> {
  const items = await paperItems<{ id: string; type: string; key: string | string[] }>(sittingTitle);
  return new Map(items.map((i) => [i.id, { type: i.type, key: i.key }]));
}

/** Moves a room's start back so that `secondsLeft` remain of a `durationMinutes` exam. */
export async function rewindRoom(roomName: string, sittingTitle: string, durationMinutes: number, secondsLeft: number) {
  const openedAt = new Date(Date.now() - durationMinutes * 60_000 + secondsLeft * 1000);
  await dbQuery(
    `UPDATE "Room" SET "openedAt" = ? WHERE "name" = ? AND "sittingId" = (SELECT "id" FROM "Sitting" WHERE "title" = ?)`,
    dbTime(openedAt),
    roomName,
    sittingTitle,
  );
}

export async function savedAnswer(ticket: string, itemId: string): Promise<unknown> {
  const row = await dbRow<{ value: string }>(
    `SELECT a."value" AS "value" FROM "Answer" a JOIN "Attempt" t ON t."id" = a."attemptId" JOIN "Registration" r ON r."id" = t."registrationId"
      WHERE r."ticketNumber" = ? AND a."itemId" = ?`,
    ticket,
    itemId,
  );
  return row ? JSON.parse(row.value) : undefined;
}

export async function paperSecrets(sittingTitle: string): Promise<{ explanations: string[]; requirements: string[] }> {
  const items = await paperItems<{ explanation: string; requirement: string }>(sittingTitle);
  return { explanations: items.map((i) => i.explanation), requirements: [...new Set(items.map((i) => i.requirement))] };
}
