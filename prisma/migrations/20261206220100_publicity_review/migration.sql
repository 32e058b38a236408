-- AlterTable
ALTER TABLE "Sitting" ADD COLUMN "publicityEndsAt" DATETIME;

-- CreateTable
CREATE TABLE "TheoryCorrection" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "attemptId" TEXT NOT NULL,
    "oldScore" REAL NOT NULL,
    "newScore" REAL NOT NULL,
    "oldPassed" BOOLEAN NOT NULL,
    "newPassed" BOOLEAN NOT NULL,
    "reason" TEXT NOT NULL,
    "byUserId" TEXT NOT NULL,
    "byName" TEXT NOT NULL,
    "reviewRequestId" TEXT,
    "at" DATETIME NOT NULL,
    CONSTRAINT "TheoryCorrection_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "Attempt" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReviewRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "registrationId" TEXT NOT NULL,
    "sittingId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "requestedAt" DATETIME NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "outcome" TEXT,
    "outcomeReason" TEXT,
    "oldScore" REAL NOT NULL,
    "newScore" REAL,
    "reviewerId" TEXT,
    "reviewerName" TEXT,
    "settledAt" DATETIME,
    CONSTRAINT "ReviewRequest_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "Registration" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- AlterTable (added columns with constant defaults: no table rebuild, which keeps the merge with
-- other migrations of Center simple)
ALTER TABLE "Center" ADD COLUMN "publicityDays" INTEGER NOT NULL DEFAULT 5;
ALTER TABLE "Center" ADD COLUMN "reviewDays" INTEGER NOT NULL DEFAULT 10;

-- CreateIndex
CREATE INDEX "TheoryCorrection_attemptId_idx" ON "TheoryCorrection"("attemptId");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewRequest_registrationId_key" ON "ReviewRequest"("registrationId");

-- CreateIndex
CREATE INDEX "ReviewRequest_sittingId_idx" ON "ReviewRequest"("sittingId");

-- CreateIndex
CREATE INDEX "ReviewRequest_status_dueAt_idx" ON "ReviewRequest"("status", "dueAt");

