-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Course" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "centerId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "hours" INTEGER NOT NULL,
    "topic" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "trainerId" TEXT,
    "plannedFor" TEXT,
    "startsOn" DATETIME,
    "hasAssessment" BOOLEAN NOT NULL DEFAULT false,
    "covers" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Course_centerId_fkey" FOREIGN KEY ("centerId") REFERENCES "Center" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Course" ("centerId", "createdAt", "hasAssessment", "hours", "id", "level", "mode", "plannedFor", "startsOn", "title", "topic", "trainerId") SELECT "centerId", "createdAt", "hasAssessment", "hours", "id", "level", "mode", "plannedFor", "startsOn", "title", "topic", "trainerId" FROM "Course";
DROP TABLE "Course";
ALTER TABLE "new_Course" RENAME TO "Course";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

