import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "~/generated/prisma/client";
import { databaseUrl } from "./config.server";

// The only module that knows the database is SQLite: the adapter and its pragmas live here.
// WAL lets readers proceed during a write; the busy timeout makes a concurrent writer (a CLI
// import while the server runs) wait instead of failing.
function createClient() {
  const adapter = new PrismaBetterSQLite3({ url: databaseUrl(), timeout: 10_000 });
  return new PrismaClient({ adapter });
}

const globalForDb = globalThis as unknown as { __db?: PrismaClient; __dbReady?: Promise<void> };
export const db: PrismaClient = (globalForDb.__db ??= createClient());

/** Sets per-connection pragmas once; call before the first query of a process. */
export function ensureDbReady(): Promise<void> {
  globalForDb.__dbReady ??= (async () => {
    await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await db.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
    await db.$queryRawUnsafe("PRAGMA foreign_keys = ON");
  })();
  return globalForDb.__dbReady;
}
