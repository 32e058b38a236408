// Direct reads of the e2e database, for facts a browser cannot see (the paper's keys) and to move
// a room's clock back instead of waiting an hour. The server reads the same file.
import path from "node:path";
import Database from "better-sqlite3";

const file = path.resolve("data/e2e.db");

export function withDb<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(file);
  db.pragma("busy_timeout = 5000");
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

export function paperKeys(sittingTitle: string): Map<string, { type: string; key: string | string[] }> {
  return withDb((db) => {
    const row = db.prepare("SELECT p.items FROM Sitting s JOIN Paper p ON p.id = s.paperId WHERE s.title = ?").get(sittingTitle) as {
      items: string;
    };
    const items = JSON.parse(row.items) as { id: string; type: string; key: string | string[] }[];
    return new Map(items.map((i) => [i.id, { type: i.type, key: i.key }]));
  });
}

/** Moves a room's start back so that `secondsLeft` remain of a `durationMinutes` exam. */
export function rewindRoom(roomName: string, sittingTitle: string, durationMinutes: number, secondsLeft: number) {
  withDb((db) => {
    const openedAt = Date.now() - durationMinutes * 60_000 + secondsLeft * 1000;
    const iso = new Date(openedAt).toISOString().replace("Z", "+00:00"); // the adapter's DateTime text format
    db.prepare("UPDATE Room SET openedAt = ? WHERE name = ? AND sittingId = (SELECT id FROM Sitting WHERE title = ?)").run(
      iso,
      roomName,
      sittingTitle,
    );
  });
}

export function savedAnswer(ticket: string, itemId: string): unknown {
  return withDb((db) => {
    const row = db
      .prepare(
        "SELECT a.value FROM Answer a JOIN Attempt t ON t.id = a.attemptId JOIN Registration r ON r.id = t.registrationId WHERE r.ticketNumber = ? AND a.itemId = ?",
      )
      .get(ticket, itemId) as { value: string } | undefined;
    return row ? JSON.parse(row.value) : undefined;
  });
}

export function paperSecrets(sittingTitle: string): { explanations: string[]; requirements: string[] } {
  return withDb((db) => {
    const row = db.prepare("SELECT p.items FROM Sitting s JOIN Paper p ON p.id = s.paperId WHERE s.title = ?").get(sittingTitle) as {
      items: string;
    };
    const items = JSON.parse(row.items) as { explanation: string; requirement: string }[];
    return { explanations: items.map((i) => i.explanation), requirements: [...new Set(items.map((i) => i.requirement))] };
  });
}
