-- CreateTable
CREATE TABLE "CertificateCorrection" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "certificateId" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "oldValue" TEXT NOT NULL,
    "newValue" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "byId" TEXT NOT NULL,
    "byName" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    CONSTRAINT "CertificateCorrection_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Center" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "certKind" TEXT NOT NULL DEFAULT 'S',
    "certBodyCode" TEXT,
    "certProvince" TEXT,
    "certSite" TEXT,
    "partValidityMonths" INTEGER NOT NULL DEFAULT 12,
    "parentId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Center_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Center" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Center" ("certBodyCode", "certKind", "certProvince", "certSite", "code", "createdAt", "id", "kind", "name", "parentId", "partValidityMonths") SELECT "certBodyCode", "certKind", "certProvince", "certSite", "code", "createdAt", "id", "kind", "name", "parentId", "partValidityMonths" FROM "Center";
DROP TABLE "Center";
ALTER TABLE "new_Center" RENAME TO "Center";
CREATE UNIQUE INDEX "Center_name_key" ON "Center"("name");
CREATE UNIQUE INDEX "Center_code_key" ON "Center"("code");
CREATE TABLE "new_Certificate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "number" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "occupation" TEXT NOT NULL DEFAULT '行政办事员（政务服务综合窗口办事员）',
    "issuedAt" DATETIME NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'platform',
    "status" TEXT NOT NULL DEFAULT 'valid',
    "voidReason" TEXT,
    "voidedAt" DATETIME,
    "voidedById" TEXT,
    "holderName" TEXT,
    "sittingId" TEXT,
    "replacesId" TEXT,
    "theoryRegistrationId" TEXT,
    "skillRegistrationId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Certificate_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Certificate_replacesId_fkey" FOREIGN KEY ("replacesId") REFERENCES "Certificate" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Certificate" ("createdAt", "id", "issuedAt", "level", "number", "occupation", "personId", "skillRegistrationId", "source", "status", "theoryRegistrationId", "voidReason") SELECT "createdAt", "id", "issuedAt", "level", "number", "occupation", "personId", "skillRegistrationId", "source", "status", "theoryRegistrationId", "voidReason" FROM "Certificate";
DROP TABLE "Certificate";
ALTER TABLE "new_Certificate" RENAME TO "Certificate";
CREATE UNIQUE INDEX "Certificate_number_key" ON "Certificate"("number");
CREATE UNIQUE INDEX "Certificate_replacesId_key" ON "Certificate"("replacesId");
CREATE INDEX "Certificate_sittingId_idx" ON "Certificate"("sittingId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Data (decision 022): the untouched defaults of the numbering codes become "unset", so that no
-- certificate is numbered S0000..000001.. without the center having chosen its codes; the name
-- printed on a certificate issued so far is its holder's current name.
UPDATE "Center" SET "certBodyCode" = NULL, "certSite" = NULL WHERE "certBodyCode" = '0000' AND "certSite" = '000001';
UPDATE "Center" SET "certProvince" = NULL WHERE "certBodyCode" IS NULL;
UPDATE "Certificate" SET "holderName" = (SELECT "name" FROM "Person" WHERE "Person"."id" = "Certificate"."personId") WHERE "holderName" IS NULL;

-- CreateIndex
CREATE INDEX "CertificateCorrection_certificateId_idx" ON "CertificateCorrection"("certificateId");

