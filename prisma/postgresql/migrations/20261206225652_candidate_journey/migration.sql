-- AlterTable
ALTER TABLE "Center" ADD COLUMN     "publicityDays" INTEGER NOT NULL DEFAULT 5,
ADD COLUMN     "reviewDays" INTEGER NOT NULL DEFAULT 10,
ALTER COLUMN "certBodyCode" DROP NOT NULL,
ALTER COLUMN "certBodyCode" DROP DEFAULT,
ALTER COLUMN "certProvince" DROP NOT NULL,
ALTER COLUMN "certProvince" DROP DEFAULT,
ALTER COLUMN "certSite" DROP NOT NULL,
ALTER COLUMN "certSite" DROP DEFAULT;

-- AlterTable
ALTER TABLE "Sitting" ADD COLUMN     "address" TEXT,
ADD COLUMN     "applyClosesAt" TIMESTAMP(3),
ADD COLUMN     "applyOpensAt" TIMESTAMP(3),
ADD COLUMN     "applySeats" INTEGER,
ADD COLUMN     "publicityEndsAt" TIMESTAMP(3),
ADD COLUMN     "seatedAt" TIMESTAMP(3),
ADD COLUMN     "seatingSeed" INTEGER;

-- AlterTable
ALTER TABLE "Certificate" ADD COLUMN     "holderName" TEXT,
ADD COLUMN     "replacesId" TEXT,
ADD COLUMN     "sittingId" TEXT,
ADD COLUMN     "voidedAt" TIMESTAMP(3),
ADD COLUMN     "voidedById" TEXT;

-- AlterTable
ALTER TABLE "Course" ADD COLUMN     "covers" TEXT NOT NULL DEFAULT '[]';

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
CREATE TABLE "CertificateCorrection" (
    "id" TEXT NOT NULL,
    "certificateId" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "oldValue" TEXT NOT NULL,
    "newValue" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "byId" TEXT NOT NULL,
    "byName" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CertificateCorrection_pkey" PRIMARY KEY ("id")
);

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
CREATE INDEX "CertificateCorrection_certificateId_idx" ON "CertificateCorrection"("certificateId");

-- CreateIndex
CREATE INDEX "Application_sittingId_status_idx" ON "Application"("sittingId", "status");

-- CreateIndex
CREATE INDEX "Application_personId_idx" ON "Application"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "Application_sittingId_personId_key" ON "Application"("sittingId", "personId");

-- CreateIndex
CREATE UNIQUE INDEX "Application_sittingId_seatSlot_key" ON "Application"("sittingId", "seatSlot");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewRequest_registrationId_key" ON "ReviewRequest"("registrationId");

-- CreateIndex
CREATE INDEX "ReviewRequest_sittingId_idx" ON "ReviewRequest"("sittingId");

-- CreateIndex
CREATE INDEX "ReviewRequest_status_dueAt_idx" ON "ReviewRequest"("status", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "Registration_roomId_seat_key" ON "Registration"("roomId", "seat");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_replacesId_key" ON "Certificate"("replacesId");

-- CreateIndex
CREATE INDEX "Certificate_sittingId_idx" ON "Certificate"("sittingId");

-- AddForeignKey
ALTER TABLE "TheoryCorrection" ADD CONSTRAINT "TheoryCorrection_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "Attempt"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_replacesId_fkey" FOREIGN KEY ("replacesId") REFERENCES "Certificate"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CertificateCorrection" ADD CONSTRAINT "CertificateCorrection_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_sittingId_fkey" FOREIGN KEY ("sittingId") REFERENCES "Sitting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewRequest" ADD CONSTRAINT "ReviewRequest_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "Registration"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

