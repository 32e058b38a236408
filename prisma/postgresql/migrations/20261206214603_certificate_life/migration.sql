-- AlterTable
ALTER TABLE "Center" ALTER COLUMN "certBodyCode" DROP NOT NULL,
ALTER COLUMN "certBodyCode" DROP DEFAULT,
ALTER COLUMN "certProvince" DROP NOT NULL,
ALTER COLUMN "certProvince" DROP DEFAULT,
ALTER COLUMN "certSite" DROP NOT NULL,
ALTER COLUMN "certSite" DROP DEFAULT;

-- AlterTable
ALTER TABLE "Certificate" ADD COLUMN     "holderName" TEXT,
ADD COLUMN     "replacesId" TEXT,
ADD COLUMN     "sittingId" TEXT,
ADD COLUMN     "voidedAt" TIMESTAMP(3),
ADD COLUMN     "voidedById" TEXT;

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

-- CreateIndex
CREATE INDEX "CertificateCorrection_certificateId_idx" ON "CertificateCorrection"("certificateId");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_replacesId_key" ON "Certificate"("replacesId");

-- CreateIndex
CREATE INDEX "Certificate_sittingId_idx" ON "Certificate"("sittingId");

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_replacesId_fkey" FOREIGN KEY ("replacesId") REFERENCES "Certificate"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CertificateCorrection" ADD CONSTRAINT "CertificateCorrection_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

