-- CreateTable
CREATE TABLE "EvaluationCycle" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "centerId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "passMark" REAL NOT NULL DEFAULT 60,
    "ratingPenalty" REAL NOT NULL DEFAULT 2,
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "EvaluationCycle_centerId_fkey" FOREIGN KEY ("centerId") REFERENCES "Center" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EvaluationSubject" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "cycleId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "completionDone" REAL,
    "completionTarget" REAL,
    "completionSource" TEXT,
    "complaintsPoints" REAL,
    "complaintsEvidence" TEXT,
    "praisePoints" REAL,
    "praiseEvidence" TEXT,
    "veto" TEXT,
    "vetoEvidence" TEXT,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "EvaluationSubject_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "EvaluationCycle" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "EvaluationSubject_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EvaluationAssignment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "subjectId" TEXT NOT NULL,
    "evaluatorPersonId" TEXT NOT NULL,
    "relation" TEXT NOT NULL,
    "submittedAt" DATETIME,
    CONSTRAINT "EvaluationAssignment_subjectId_fkey" FOREIGN KEY ("subjectId") REFERENCES "EvaluationSubject" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "EvaluationAssignment_evaluatorPersonId_fkey" FOREIGN KEY ("evaluatorPersonId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EvaluationScore" (
    "assignmentId" TEXT NOT NULL,
    "indicator" TEXT NOT NULL,
    "value" REAL NOT NULL,

    PRIMARY KEY ("assignmentId", "indicator"),
    CONSTRAINT "EvaluationScore_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "EvaluationAssignment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EvaluationAdjustment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "subjectId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "awardLevel" TEXT,
    "points" REAL NOT NULL,
    "reason" TEXT NOT NULL,
    "evidence" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "EvaluationAdjustment_subjectId_fkey" FOREIGN KEY ("subjectId") REFERENCES "EvaluationSubject" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RatingCount" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "centerId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "activeGood" INTEGER NOT NULL,
    "activeBad" INTEGER NOT NULL,
    "timeoutUnrated" INTEGER NOT NULL,
    "invalidBad" INTEGER NOT NULL,
    "repliedBad" INTEGER NOT NULL,
    "rectified" INTEGER NOT NULL,
    "satisfied" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "importedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RatingCount_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DepartmentAssessment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "centerId" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "quarter" INTEGER NOT NULL,
    "items" TEXT NOT NULL,
    "base" REAL NOT NULL,
    "bonus" REAL NOT NULL,
    "total" REAL NOT NULL,
    "updatedBy" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "DepartmentAssessment_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "EvaluationCycle_centerId_year_key" ON "EvaluationCycle"("centerId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "EvaluationSubject_cycleId_personId_key" ON "EvaluationSubject"("cycleId", "personId");

-- CreateIndex
CREATE INDEX "EvaluationAssignment_evaluatorPersonId_idx" ON "EvaluationAssignment"("evaluatorPersonId");

-- CreateIndex
CREATE UNIQUE INDEX "EvaluationAssignment_subjectId_evaluatorPersonId_key" ON "EvaluationAssignment"("subjectId", "evaluatorPersonId");

-- CreateIndex
CREATE INDEX "RatingCount_centerId_period_idx" ON "RatingCount"("centerId", "period");

-- CreateIndex
CREATE UNIQUE INDEX "RatingCount_personId_period_channel_key" ON "RatingCount"("personId", "period", "channel");

-- CreateIndex
CREATE INDEX "DepartmentAssessment_centerId_year_quarter_idx" ON "DepartmentAssessment"("centerId", "year", "quarter");

-- CreateIndex
CREATE UNIQUE INDEX "DepartmentAssessment_departmentId_year_quarter_key" ON "DepartmentAssessment"("departmentId", "year", "quarter");

