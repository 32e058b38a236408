-- AlterTable
ALTER TABLE "Center" ADD COLUMN     "publicityDays" INTEGER NOT NULL DEFAULT 5,
ADD COLUMN     "reviewDays" INTEGER NOT NULL DEFAULT 10;

-- AlterTable
ALTER TABLE "Sitting" ADD COLUMN     "publicityEndsAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "TheoryCorrection" (
    "id" TEXT NOT NULL,
    "attemptId" TEXT NOT NULL,
    "oldScore" DOUBLE PRECISION NOT NULL,
    "newScore" DOUBLE PRECISION NOT NULL,
    "oldPassed" BOOLEAN NOT NULL,
    "newPassed" BOOLEAN NOT NULL,
    "reason" TEXT NOT NULL,
    "byUserId" TEXT NOT NULL,
    "byName" TEXT NOT NULL,
    "reviewRequestId" TEXT,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TheoryCorrection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewRequest" (
    "id" TEXT NOT NULL,
    "registrationId" TEXT NOT NULL,
    "sittingId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "outcome" TEXT,
    "outcomeReason" TEXT,
    "oldScore" DOUBLE PRECISION NOT NULL,
    "newScore" DOUBLE PRECISION,
    "reviewerId" TEXT,
    "reviewerName" TEXT,
    "settledAt" TIMESTAMP(3),

    CONSTRAINT "ReviewRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TheoryCorrection_attemptId_idx" ON "TheoryCorrection"("attemptId");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewRequest_registrationId_key" ON "ReviewRequest"("registrationId");

-- CreateIndex
CREATE INDEX "ReviewRequest_sittingId_idx" ON "ReviewRequest"("sittingId");

-- CreateIndex
CREATE INDEX "ReviewRequest_status_dueAt_idx" ON "ReviewRequest"("status", "dueAt");

-- AddForeignKey
ALTER TABLE "TheoryCorrection" ADD CONSTRAINT "TheoryCorrection_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "Attempt"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewRequest" ADD CONSTRAINT "ReviewRequest_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "Registration"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

