import path from "node:path";

export function databaseUrl(): string {
  return process.env.DATABASE_URL ?? `file:${path.resolve("data/app.db")}`;
}

/** `file:…` runs on the embedded SQLite file, `postgresql://…` (or `postgres://…`) on a PostgreSQL server. */
export function databaseKind(url = databaseUrl()): "sqlite" | "postgresql" {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error(`DATABASE_URL 无法识别：应以 file:（SQLite）或 postgresql://（PostgreSQL）开头。`);
}

export type PostgresTarget = { connectionString: string; schema: string | undefined };

/**
 * A PostgreSQL URL as `pg` takes it, and the schema named by its `schema` parameter (Prisma's
 * convention; `pg` itself would ignore it). Every connection sets that schema as its search_path,
 * so that the app's raw SQL and Prisma's queries see the same tables.
 */
export function postgresTarget(url = databaseUrl()): PostgresTarget {
  const u = new URL(url);
  const schema = u.searchParams.get("schema") ?? undefined;
  u.searchParams.delete("schema");
  if (schema !== undefined && !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema))
    throw new Error(`DATABASE_URL 的 schema 参数不合法：${schema}`);
  return { connectionString: u.toString(), schema };
}

/** Options for a `pg` pool or client on the target: its schema first on the search path. */
export function postgresConnection(target: PostgresTarget) {
  return {
    connectionString: target.connectionString,
    ...(target.schema ? { options: `-c search_path="${target.schema}"` } : {}),
  };
}
