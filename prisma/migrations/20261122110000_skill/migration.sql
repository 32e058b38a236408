-- CreateTable
CREATE TABLE "SkillTask" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "level" TEXT NOT NULL,
    "area" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "mandatory" BOOLEAN NOT NULL,
    "content" TEXT NOT NULL,
    "retired" BOOLEAN NOT NULL DEFAULT false,
    "contentHash" TEXT NOT NULL,
    "firstVersion" TEXT NOT NULL,
    "lastVersion" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ExaminerGroup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sittingId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    CONSTRAINT "ExaminerGroup_sittingId_fkey" FOREIGN KEY ("sittingId") REFERENCES "Sitting" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GroupExaminer" (
    "groupId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "isChief" BOOLEAN NOT NULL DEFAULT false,

    PRIMARY KEY ("groupId", "userId"),
    CONSTRAINT "GroupExaminer_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "ExaminerGroup" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "GroupExaminer_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ScoreSheet" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "registrationId" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "examinerId" TEXT NOT NULL,
    "scores" TEXT NOT NULL,
    "total" REAL NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "updatedAt" DATETIME NOT NULL,
    "submittedAt" DATETIME,
    CONSTRAINT "ScoreSheet_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "Registration" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TaskReview" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "registrationId" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "chiefId" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ScoreAudit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sittingId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "userName" TEXT NOT NULL,
    "registrationId" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "examinerId" TEXT,
    "action" TEXT NOT NULL,
    "criterion" INTEGER,
    "oldValue" TEXT,
    "newValue" TEXT,
    "reason" TEXT
);

-- CreateTable
CREATE TABLE "SkillResult" (
    "registrationId" TEXT NOT NULL PRIMARY KEY,
    "score" REAL NOT NULL,
    "passed" BOOLEAN NOT NULL,
    "areaScores" TEXT NOT NULL,
    "computedAt" DATETIME NOT NULL,
    CONSTRAINT "SkillResult_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "Registration" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_BankVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL DEFAULT 'theory',
    "importedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "itemCount" INTEGER NOT NULL,
    "activeCount" INTEGER NOT NULL,
    "current" BOOLEAN NOT NULL DEFAULT false
);
INSERT INTO "new_BankVersion" ("activeCount", "current", "id", "importedAt", "itemCount") SELECT "activeCount", "current", "id", "importedAt", "itemCount" FROM "BankVersion";
DROP TABLE "BankVersion";
ALTER TABLE "new_BankVersion" RENAME TO "BankVersion";
CREATE TABLE "new_Registration" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sittingId" TEXT NOT NULL,
    "roomId" TEXT,
    "groupId" TEXT,
    "personId" TEXT NOT NULL,
    "ticketNumber" TEXT NOT NULL,
    "seat" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Registration_sittingId_fkey" FOREIGN KEY ("sittingId") REFERENCES "Sitting" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Registration_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Registration_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "ExaminerGroup" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Registration_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Registration" ("createdAt", "id", "personId", "roomId", "seat", "sittingId", "ticketNumber") SELECT "createdAt", "id", "personId", "roomId", "seat", "sittingId", "ticketNumber" FROM "Registration";
DROP TABLE "Registration";
ALTER TABLE "new_Registration" RENAME TO "Registration";
CREATE UNIQUE INDEX "Registration_ticketNumber_key" ON "Registration"("ticketNumber");
CREATE INDEX "Registration_roomId_idx" ON "Registration"("roomId");
CREATE INDEX "Registration_groupId_idx" ON "Registration"("groupId");
CREATE UNIQUE INDEX "Registration_sittingId_personId_key" ON "Registration"("sittingId", "personId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "ScoreSheet_registrationId_taskId_examinerId_key" ON "ScoreSheet"("registrationId", "taskId", "examinerId");

-- CreateIndex
CREATE INDEX "TaskReview_registrationId_taskId_idx" ON "TaskReview"("registrationId", "taskId");

-- CreateIndex
CREATE INDEX "ScoreAudit_sittingId_at_idx" ON "ScoreAudit"("sittingId", "at");

