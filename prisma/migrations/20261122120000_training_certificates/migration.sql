-- CreateTable
CREATE TABLE "EducationRecord" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "schoolType" TEXT NOT NULL,
    "school" TEXT,
    "major" TEXT NOT NULL,
    "graduated" BOOLEAN NOT NULL,
    "finalYear" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "EducationRecord_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WorkRecord" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "occupation" TEXT NOT NULL,
    "employer" TEXT,
    "start" DATETIME NOT NULL,
    "end" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WorkRecord_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Certificate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "number" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "occupation" TEXT NOT NULL DEFAULT '行政办事员（政务服务综合窗口办事员）',
    "issuedAt" DATETIME NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'platform',
    "status" TEXT NOT NULL DEFAULT 'valid',
    "voidReason" TEXT,
    "theoryRegistrationId" TEXT,
    "skillRegistrationId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Certificate_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Course" (
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Course_centerId_fkey" FOREIGN KEY ("centerId") REFERENCES "Center" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CourseAssignment" (
    "courseId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'assigned',
    "assessment" TEXT,
    "completedAt" DATETIME,
    "assignedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("courseId", "personId"),
    CONSTRAINT "CourseAssignment_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CourseAssignment_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
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
    "certBodyCode" TEXT NOT NULL DEFAULT '0000',
    "certProvince" TEXT NOT NULL DEFAULT '31',
    "certSite" TEXT NOT NULL DEFAULT '000001',
    "partValidityMonths" INTEGER NOT NULL DEFAULT 12,
    "parentId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Center_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Center" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Center" ("code", "createdAt", "id", "kind", "name", "parentId") SELECT "code", "createdAt", "id", "kind", "name", "parentId" FROM "Center";
DROP TABLE "Center";
ALTER TABLE "new_Center" RENAME TO "Center";
CREATE UNIQUE INDEX "Center_name_key" ON "Center"("name");
CREATE UNIQUE INDEX "Center_code_key" ON "Center"("code");
CREATE TABLE "new_Person" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "centerId" TEXT NOT NULL,
    "departmentId" TEXT,
    "name" TEXT NOT NULL,
    "idNumber" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "staffRole" TEXT,
    "hireDate" DATETIME,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "apprenticeshipCompleted" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Person_centerId_fkey" FOREIGN KEY ("centerId") REFERENCES "Center" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Person_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Person" ("active", "centerId", "createdAt", "departmentId", "hireDate", "id", "idNumber", "name", "phone", "staffRole", "updatedAt") SELECT "active", "centerId", "createdAt", "departmentId", "hireDate", "id", "idNumber", "name", "phone", "staffRole", "updatedAt" FROM "Person";
DROP TABLE "Person";
ALTER TABLE "new_Person" RENAME TO "Person";
CREATE UNIQUE INDEX "Person_idNumber_key" ON "Person"("idNumber");
CREATE INDEX "Person_centerId_idx" ON "Person"("centerId");
CREATE TABLE "new_Registration" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sittingId" TEXT NOT NULL,
    "roomId" TEXT,
    "groupId" TEXT,
    "personId" TEXT NOT NULL,
    "ticketNumber" TEXT NOT NULL,
    "seat" INTEGER NOT NULL,
    "retake" BOOLEAN NOT NULL DEFAULT false,
    "eligibility" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Registration_sittingId_fkey" FOREIGN KEY ("sittingId") REFERENCES "Sitting" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Registration_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Registration_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "ExaminerGroup" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Registration_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Registration" ("createdAt", "groupId", "id", "personId", "roomId", "seat", "sittingId", "ticketNumber") SELECT "createdAt", "groupId", "id", "personId", "roomId", "seat", "sittingId", "ticketNumber" FROM "Registration";
DROP TABLE "Registration";
ALTER TABLE "new_Registration" RENAME TO "Registration";
CREATE UNIQUE INDEX "Registration_ticketNumber_key" ON "Registration"("ticketNumber");
CREATE INDEX "Registration_roomId_idx" ON "Registration"("roomId");
CREATE INDEX "Registration_groupId_idx" ON "Registration"("groupId");
CREATE UNIQUE INDEX "Registration_sittingId_personId_key" ON "Registration"("sittingId", "personId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_number_key" ON "Certificate"("number");

