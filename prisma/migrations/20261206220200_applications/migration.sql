-- AlterTable
ALTER TABLE "Sitting" ADD COLUMN "applyClosesAt" DATETIME;
ALTER TABLE "Sitting" ADD COLUMN "applyOpensAt" DATETIME;
ALTER TABLE "Sitting" ADD COLUMN "applySeats" INTEGER;

-- CreateTable
CREATE TABLE "Application" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sittingId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'submitted',
    "additions" TEXT NOT NULL DEFAULT '{}',
    "eligibility" TEXT,
    "reviewNote" TEXT,
    "seatSlot" INTEGER,
    "waitSince" DATETIME,
    "reviewedById" TEXT,
    "reviewedAt" DATETIME,
    "submittedAt" DATETIME NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Application_sittingId_fkey" FOREIGN KEY ("sittingId") REFERENCES "Sitting" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Application_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Application_sittingId_status_idx" ON "Application"("sittingId", "status");

-- CreateIndex
CREATE INDEX "Application_personId_idx" ON "Application"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "Application_sittingId_personId_key" ON "Application"("sittingId", "personId");

-- CreateIndex
CREATE UNIQUE INDEX "Application_sittingId_seatSlot_key" ON "Application"("sittingId", "seatSlot");

