// 从 SQLite 迁到 PostgreSQL（issue 14 "Moving up"）：
//   npm run db:copy-to-postgres -- --from data/app.db --to postgresql://user:pass@host:5432/db
// 把一个中心的 SQLite 数据库整库复制到一个空的 PostgreSQL 数据库：先应用已提交的 PostgreSQL 迁移，
// 再在一个事务中按外键顺序逐表复制，最后逐表核对行数与校验和（SHA-256，按主键排序、按列类型规范化），
// 任何一处不符都回滚，目标库保持为空。源库只读打开。
//
// The copy is generic over the tables both sides have (PostgreSQL's catalog gives the columns, their
// types, primary keys and foreign keys), so a new model needs no change here. Dates are written as
// UTC text: `pg` would send a Date in the process's local time into `timestamp without time zone`.
import { createHash } from "node:crypto";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import { applyPgMigrations } from "~/platform/pg-migrations.server";

type Column = { name: string; type: string };
type Table = { name: string; columns: Column[]; primaryKey: string[]; selfRefs: string[] };
export type TableCheck = { table: string; rows: number; sourceSum: string; targetSum: string };
export type CopyResult = { ok: true; tables: TableCheck[] } | { ok: false; message: string; tables?: TableCheck[] };

const BATCH = 500;
const SKIP = new Set(["_prisma_migrations", "_zw_migrations"]);
const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** A SQLite value as the PostgreSQL column of `type` holds it (canonical for checksums and inserts). */
function fromSqlite(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return null;
  if (type.startsWith("timestamp")) {
    const d =
      typeof value === "number" ? new Date(value) : new Date(/[zZ]|[+-]\d\d:\d\d$/.test(String(value)) ? String(value) : `${value}Z`);
    return d.toISOString();
  }
  if (type === "boolean") return value === 1 || value === true || value === "1";
  if (type === "integer" || type === "bigint" || type === "double precision" || type === "numeric") return Number(value);
  return String(value);
}

/** A value read back through `pg` (timestamps as UTC text, see the client's type parsers). */
function fromPostgres(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return null;
  if (type.startsWith("timestamp")) return new Date(`${String(value).replace(" ", "T")}Z`).toISOString();
  if (type === "boolean") return value === true;
  if (type === "integer" || type === "bigint" || type === "double precision" || type === "numeric") return Number(value);
  return String(value);
}

function checksum(rows: unknown[][]): string {
  const h = createHash("sha256");
  for (const r of rows) h.update(`${JSON.stringify(r)}\n`);
  return h.digest("hex");
}

async function catalog(client: pg.ClientBase, schema: string): Promise<Table[]> {
  const cols = await client.query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = $1 ORDER BY table_name, ordinal_position`,
    [schema],
  );
  const keys = await client.query<{ table_name: string; column_name: string; constraint_type: string; ref_table: string | null }>(
    `SELECT tc.table_name, kcu.column_name, tc.constraint_type, ccu.table_name AS ref_table
       FROM information_schema.table_constraints tc
       JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
       LEFT JOIN information_schema.constraint_column_usage ccu
         ON tc.constraint_type = 'FOREIGN KEY' AND ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
      WHERE tc.table_schema = $1 AND tc.constraint_type IN ('PRIMARY KEY', 'FOREIGN KEY')
      ORDER BY kcu.ordinal_position`,
    [schema],
  );
  const tables = new Map<string, Table & { refs: Set<string> }>();
  for (const c of cols.rows) {
    if (SKIP.has(c.table_name)) continue;
    const t = tables.get(c.table_name) ?? { name: c.table_name, columns: [], primaryKey: [], selfRefs: [], refs: new Set<string>() };
    t.columns.push({ name: c.column_name, type: c.data_type });
    tables.set(c.table_name, t);
  }
  for (const k of keys.rows) {
    const t = tables.get(k.table_name);
    if (!t) continue;
    if (k.constraint_type === "PRIMARY KEY" && !t.primaryKey.includes(k.column_name)) t.primaryKey.push(k.column_name);
    if (k.constraint_type === "FOREIGN KEY" && k.ref_table) {
      if (k.ref_table === k.table_name) t.selfRefs.push(k.column_name);
      else t.refs.add(k.ref_table);
    }
  }
  // Parents before children (Kahn's algorithm, by name for a stable order).
  const order: Table[] = [];
  const done = new Set<string>();
  while (order.length < tables.size) {
    const ready = [...tables.values()].filter((t) => !done.has(t.name) && [...t.refs].every((r) => done.has(r) || !tables.has(r)));
    if (ready.length === 0) throw new Error(`外键之间有循环，无法排序：${[...tables.keys()].filter((n) => !done.has(n)).join("、")}`);
    for (const t of ready.sort((a, b) => a.name.localeCompare(b.name))) {
      done.add(t.name);
      order.push({ name: t.name, columns: t.columns, primaryKey: t.primaryKey, selfRefs: t.selfRefs });
    }
  }
  return order;
}

/** Copies every table of a SQLite file into an empty PostgreSQL database (or schema) and verifies it. */
export async function copyToPostgres(from: string, to: string, opts: { schema?: string } = {}): Promise<CopyResult> {
  const schema = opts.schema ?? "public";
  const source = new Database(from, { readonly: true, fileMustExist: true });
  // timestamp without time zone as its text: the UTC value we wrote, never shifted by the local zone.
  const client = new pg.Client({
    connectionString: to,
    types: {
      getTypeParser: (oid: number, format?: string) => (oid === 1114 ? (v: string) => v : pg.types.getTypeParser(oid, format as "text")),
    },
  });
  await client.connect();
  try {
    if (opts.schema) await client.query(`SET search_path TO ${q(schema)}`);
    await applyPgMigrations(client);
    const tables = await catalog(client, schema);
    const sourceTables = new Set(
      (source.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[])
        .map((r) => r.name)
        .filter((n) => !SKIP.has(n) && !n.startsWith("sqlite_")),
    );
    const missing = [...sourceTables].filter((n) => !tables.some((t) => t.name === n));
    if (missing.length) return { ok: false, message: `PostgreSQL 中没有这些表：${missing.join("、")}（两边的迁移不一致？）` };
    for (const t of tables) {
      const n = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${q(t.name)}`);
      if (n.rows[0].n > 0)
        return { ok: false, message: `目标数据库不是空的：表 ${t.name} 已有 ${n.rows[0].n} 行。请使用一个新建的空数据库。` };
    }

    const checks: TableCheck[] = [];
    await client.query("BEGIN");
    try {
      for (const t of tables) {
        if (!sourceTables.has(t.name)) continue;
        const names = t.columns.map((c) => c.name);
        const order = (t.primaryKey.length ? t.primaryKey : names).map(q).join(", ");
        const rows = (
          source
            .prepare(`SELECT ${names.map(q).join(", ")} FROM ${q(t.name)} ORDER BY ${order}`)
            .raw()
            .all() as unknown[][]
        ).map((r) => r.map((v, k) => fromSqlite(v, t.columns[k].type)));
        // Self-references (a center's parent) are set after all rows of the table exist.
        const later = t.selfRefs.map((c) => names.indexOf(c));
        for (let k = 0; k < rows.length; k += BATCH) {
          const chunk = rows.slice(k, k + BATCH);
          const params: unknown[] = [];
          const values = chunk.map(
            (r) => `(${r.map((v, c) => (params.push(later.includes(c) ? null : v), `$${params.length}`)).join(", ")})`,
          );
          await client.query(`INSERT INTO ${q(t.name)} (${names.map(q).join(", ")}) VALUES ${values.join(", ")}`, params);
        }
        for (const c of later) {
          for (const r of rows.filter((x) => x[c] !== null)) {
            const where = t.primaryKey.map((p, i) => `${q(p)} = $${i + 2}`).join(" AND ");
            await client.query(`UPDATE ${q(t.name)} SET ${q(names[c])} = $1 WHERE ${where}`, [
              r[c],
              ...t.primaryKey.map((p) => r[names.indexOf(p)]),
            ]);
          }
        }
        const back = await client.query({
          text: `SELECT ${names.map(q).join(", ")} FROM ${q(t.name)} ORDER BY ${order}`,
          rowMode: "array",
        });
        const target = (back.rows as unknown[][]).map((r) => r.map((v, k) => fromPostgres(v, t.columns[k].type)));
        checks.push({ table: t.name, rows: target.length, sourceSum: checksum(rows), targetSum: checksum(target) });
        if (target.length !== rows.length || checksum(rows) !== checksum(target)) {
          throw Object.assign(new Error(`表 ${t.name} 复制后不一致：源 ${rows.length} 行，目标 ${target.length} 行`), { checks });
        }
      }
      await client.query("COMMIT");
    } catch (e) {
      await client.query("ROLLBACK");
      return { ok: false, message: (e as Error).message, tables: (e as { checks?: TableCheck[] }).checks };
    }
    return { ok: true, tables: checks };
  } finally {
    await client.end();
    source.close();
  }
}

async function main(argv: string[]): Promise<number> {
  let values: { from?: string; to?: string };
  try {
    ({ values } = parseArgs({ args: argv, options: { from: { type: "string" }, to: { type: "string" } } }));
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  const from = values.from ?? "data/app.db";
  const to = values.to ?? process.env.POSTGRES_URL;
  if (!to || !/^postgres(ql)?:\/\//.test(to)) {
    console.error("用法：npm run db:copy-to-postgres -- [--from data/app.db] --to postgresql://用户:密码@主机:5432/数据库");
    return 2;
  }
  console.log(`正在把 ${path.resolve(from)} 复制到 PostgreSQL …`);
  const r = await copyToPostgres(from, to);
  if (r.tables) {
    for (const t of r.tables)
      console.log(
        `${t.table.padEnd(24)} ${String(t.rows).padStart(8)} 行  ${t.sourceSum === t.targetSum ? "校验和一致" : "校验和不一致"} ${t.targetSum.slice(0, 12)}`,
      );
  }
  if (!r.ok) {
    console.error(`未复制（已回滚）：${r.message}`);
    return 1;
  }
  console.log(`已复制 ${r.tables.length} 张表、${r.tables.reduce((s, t) => s + t.rows, 0)} 行，每张表的行数与校验和均一致。`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(`复制失败：${(e as Error).message}`);
      process.exit(1);
    },
  );
}
