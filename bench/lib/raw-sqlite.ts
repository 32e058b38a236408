// The machine's raw SQLite commit rate: single-row INSERTs in autocommit (one transaction each)
// through better-sqlite3, with the app's settings (db.server.ts: WAL, synchronous NORMAL; the
// app's up-to-10 s wait for another writer is irrelevant with one writer, set the same way here:
// no driver busy timeout) on a scratch file in the same directory as the bench database, so the
// same disk and filesystem.
import Database from "better-sqlite3";
import { removeDatabase } from "./prepare";

/** The n-th row of a raw commit measurement, shaped like an Answer (the same on every database). */
export function answerLikeRow(n: number): [string, string, string, string, number, string] {
  return [
    `cm${String(n).padStart(23, "0")}`,
    `T-L5-YW-${String(n % 10000).padStart(4, "0")}`,
    '["A","C"]',
    "0f8fad5b-d9cb-469f-a165-70867728950e",
    Date.now() + n,
    new Date().toISOString(),
  ];
}

export type RawRate = { synchronous: string; commits: number; seconds: number; perSecond: number };

export function rawCommitRate(file: string, seconds: number, synchronous: "NORMAL" | "FULL" = "NORMAL"): RawRate {
  removeDatabase(file);
  const db = new Database(file, { timeout: 0 });
  db.pragma("journal_mode = WAL");
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma("foreign_keys = ON");
  // A row shaped like an Answer: two ids, a JSON value, a window id, a sequence number, a time.
  db.exec(
    `CREATE TABLE t (attemptId TEXT NOT NULL, itemId TEXT NOT NULL, value TEXT NOT NULL, windowId TEXT NOT NULL, seq INTEGER NOT NULL, savedAt DATETIME NOT NULL, PRIMARY KEY (attemptId, itemId))`,
  );
  const insert = db.prepare("INSERT INTO t (attemptId, itemId, value, windowId, seq, savedAt) VALUES (?, ?, ?, ?, ?, ?)");
  let n = 0;
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  while (performance.now() < end) {
    for (let k = 0; k < 100; k++, n++) insert.run(...answerLikeRow(n));
  }
  const elapsed = (performance.now() - t0) / 1000;
  db.close();
  removeDatabase(file);
  return { synchronous, commits: n, seconds: +elapsed.toFixed(2), perSecond: Math.round(n / elapsed) };
}
