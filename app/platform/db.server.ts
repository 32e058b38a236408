import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client";
import { PrismaClient as PgPrismaClient } from "~/generated/prisma-pg/client";
import { databaseKind, databaseUrl, postgresConnection, postgresTarget } from "~/platform/config.server";

// The only module that knows which database the app runs on (besides the exam store, which opens
// its own connections: features/exam-taking/store). DATABASE_URL chooses: `file:…` is the
// embedded SQLite file, `postgresql://…` a PostgreSQL server (decision 019).
//
// SQLite: WAL lets readers proceed during a write; a write that finds another process writing (a
// CLI import while the server runs) waits up to BUSY_WAIT_MS instead of failing — asynchronously,
// see `serialised` below.

const BUSY_WAIT_MS = 10_000;

type Adapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type AdapterFactory = Pick<PrismaBetterSQLite3, "provider" | "adapterName" | "connect">;
type Tx = Awaited<ReturnType<Adapter["startTransaction"]>>;

/** A first-come, first-served async lock; `release` hands it to the next waiter. */
class Lock {
  private held = false;
  private waiters: (() => void)[] = [];

  acquire(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  release() {
    const next = this.waiters.shift();
    if (next) next();
    else this.held = false;
  }
}

function isBusy(e: unknown): boolean {
  const code = (e as { cause?: { originalCode?: unknown } } | null)?.cause?.originalCode ?? (e as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("SQLITE_BUSY");
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The adapter holds one connection for the whole process, and by itself serialises transactions
 * only against each other: a plain query of another request that ran while a transaction was
 * open went into that transaction — rolled back with it, or lost in a crash before its COMMIT,
 * although its request had already been answered. Here a plain query waits while a transaction
 * is open, and a transaction starts with BEGIN IMMEDIATE: it takes SQLite's write lock at once
 * instead of failing with SQLITE_BUSY when it first writes after another process committed.
 *
 * When another process holds the write lock, SQLite's own busy timeout would sleep inside the
 * synchronous driver and stop every request of this process, reads included. The connection has
 * no busy timeout instead; a statement or BEGIN that meets SQLITE_BUSY is retried after a short
 * asynchronous pause (1, 2, 4 … 20 ms, up to BUSY_WAIT_MS in all), with the process's lock let go
 * meanwhile so that other requests' reads go on.
 *
 * A process that runs long transactions back to back (a bank import: chunks of 100 upserts)
 * would otherwise leave other processes (the exam writer) almost no moment to write: after a
 * transaction that held the lock for more than 10 ms, the next transaction of this process starts
 * a quarter of that time later (at most 50 ms).
 *
 * Consequence of the lock: inside `db.$transaction(async (tx) => …)` every query must go through
 * `tx`; a query on `db` there would wait for the transaction that waits for it. The architecture
 * test checks that transaction callbacks do not use `db`.
 */
function serialised(inner: Adapter): Adapter {
  const lock = new Lock();
  let notBefore = 0;
  async function plain<T>(run: () => Promise<T>): Promise<T> {
    for (let waited = 0, delay = 1; ; waited += delay, delay = Math.min(delay * 2, 20)) {
      await lock.acquire();
      try {
        return await run();
      } catch (e) {
        if (!isBusy(e) || waited >= BUSY_WAIT_MS) throw e;
      } finally {
        lock.release();
      }
      await pause(delay);
    }
  }
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (q) => plain(() => inner.queryRaw(q)),
    executeRaw: (q) => plain(() => inner.executeRaw(q)),
    executeScript: (script) => plain(() => inner.executeScript(script)),
    getConnectionInfo: inner.getConnectionInfo?.bind(inner),
    dispose: () => inner.dispose(),
    async startTransaction(isolationLevel): Promise<Tx> {
      if (isolationLevel && isolationLevel !== "SERIALIZABLE") return inner.startTransaction(isolationLevel); // rejects, with the adapter's error
      if (Date.now() < notBefore) await pause(notBefore - Date.now());
      for (let waited = 0, delay = 1; ; waited += delay, delay = Math.min(delay * 2, 20)) {
        await lock.acquire();
        try {
          await inner.executeRaw({ sql: "BEGIN IMMEDIATE", args: [], argTypes: [] });
          break;
        } catch (e) {
          lock.release();
          if (!isBusy(e) || waited >= BUSY_WAIT_MS) throw e;
        }
        await pause(delay);
      }
      const began = Date.now();
      let open = true;
      // Prisma sends COMMIT / ROLLBACK itself (usePhantomQuery: false), then calls these.
      const end = async () => {
        if (!open) return;
        open = false;
        const held = Date.now() - began;
        if (held > 10) notBefore = Date.now() + Math.min(50, held / 4);
        lock.release();
      };
      return {
        provider: inner.provider,
        adapterName: inner.adapterName,
        options: { usePhantomQuery: false },
        queryRaw: (q) => inner.queryRaw(q),
        executeRaw: (q) => inner.executeRaw(q),
        commit: end,
        rollback: end,
      };
    },
  };
}

function createSqliteClient() {
  // No busy timeout in the driver: waiting for another process's write lock is done by `serialised`.
  const sqlite = new PrismaBetterSQLite3({ url: databaseUrl(), timeout: 0 });
  // A driver adapter factory of our own, through the adapter interface Prisma documents: it hands
  // Prisma the adapter's connection wrapped by `serialised` (decision 014).
  const adapter: AdapterFactory = {
    provider: sqlite.provider,
    adapterName: sqlite.adapterName,
    connect: async () => serialised(await sqlite.connect()),
  };
  // Transactions queue behind each other in this process (one connection): under a burst they
  // may wait longer than Prisma's default 2 s to start.
  return new PrismaClient({ adapter, transactionOptions: { maxWait: 30_000, timeout: 30_000 } });
}

/**
 * PostgreSQL: Prisma's driver adapter for `pg`, on a client generated from the PostgreSQL schema
 * (prisma/postgresql/schema.prisma, generated from ours: the same models, fields and API). Its
 * types are nominally another package's, so it is handed out as the SQLite client's type.
 * Every connection of the pool sets the URL's schema as its search_path.
 */
function createPostgresClient() {
  const target = postgresTarget();
  const max = Number(process.env.DATABASE_POOL_SIZE) || 10;
  const adapter = new PrismaPg(
    { ...postgresConnection(target), max, connectionTimeoutMillis: 10_000 },
    { schema: target.schema, onPoolError: (e) => console.error("PostgreSQL 连接池错误：", e.message) },
  );
  const client = new PgPrismaClient({ adapter, transactionOptions: { maxWait: 30_000, timeout: 30_000 } });
  return client as unknown as PrismaClient;
}

const createClient = () => (databaseKind() === "postgresql" ? createPostgresClient() : createSqliteClient());

const globalForDb = globalThis as unknown as { __db?: PrismaClient; __dbReady?: Promise<void> };
export const db: PrismaClient = (globalForDb.__db ??= createClient());

/** Sets per-connection pragmas once (SQLite); call before the first query of a process. */
export function ensureDbReady(): Promise<void> {
  if (databaseKind() === "postgresql") return Promise.resolve();
  globalForDb.__dbReady ??= (async () => {
    await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    // FULL: a commit returns once the WAL is fsynced, so nothing acknowledged is lost on a power cut.
    await db.$queryRawUnsafe("PRAGMA synchronous = FULL");
    await db.$queryRawUnsafe("PRAGMA foreign_keys = ON");
  })();
  return globalForDb.__dbReady;
}
