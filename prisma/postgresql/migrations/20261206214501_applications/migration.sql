-- AlterTable
ALTER TABLE "Sitting" ADD COLUMN     "applyClosesAt" TIMESTAMP(3),
ADD COLUMN     "applyOpensAt" TIMESTAMP(3),
ADD COLUMN     "applySeats" INTEGER;

-- CreateTable
CREATE TABLE "Application" (
    "id" TEXT NOT NULL,
    "sittingId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'submitted',
    "additions" TEXT NOT NULL DEFAULT '{}',
    "eligibility" TEXT,
    "reviewNote" TEXT,
    "seatSlot" INTEGER,
    "waitSince" TIMESTAMP(3),
    "reviewedById" TEXT,
    "reviewedAt" TIMESTAMP(3),
    "submittedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Application_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Application_sittingId_status_idx" ON "Application"("sittingId", "status");

-- CreateIndex
CREATE INDEX "Application_personId_idx" ON "Application"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "Application_sittingId_personId_key" ON "Application"("sittingId", "personId");

-- CreateIndex
CREATE UNIQUE INDEX "Application_sittingId_seatSlot_key" ON "Application"("sittingId", "seatSlot");

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_sittingId_fkey" FOREIGN KEY ("sittingId") REFERENCES "Sitting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

