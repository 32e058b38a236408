import path from "node:path";

export function databaseUrl(): string {
  return process.env.DATABASE_URL ?? `file:${path.resolve("data/app.db")}`;
}
