-- Answer.seq is the page's change counter, started from the clock in milliseconds (answer-sync.ts):
-- beyond 32 bits, which PostgreSQL's integer cannot hold. SQLite's INTEGER held it already.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Answer" (
    "attemptId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "windowId" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,
    "savedAt" DATETIME NOT NULL,

    PRIMARY KEY ("attemptId", "itemId"),
    CONSTRAINT "Answer_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "Attempt" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Answer" ("attemptId", "itemId", "savedAt", "seq", "value", "windowId") SELECT "attemptId", "itemId", "savedAt", "seq", "value", "windowId" FROM "Answer";
DROP TABLE "Answer";
ALTER TABLE "new_Answer" RENAME TO "Answer";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

