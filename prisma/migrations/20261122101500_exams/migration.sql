-- CreateTable
CREATE TABLE "BankVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "importedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "itemCount" INTEGER NOT NULL,
    "activeCount" INTEGER NOT NULL,
    "current" BOOLEAN NOT NULL DEFAULT false
);

-- CreateTable
CREATE TABLE "QuestionItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "type" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "area" TEXT NOT NULL,
    "requirement" TEXT NOT NULL,
    "stem" TEXT NOT NULL,
    "options" TEXT,
    "key" TEXT NOT NULL,
    "explanation" TEXT NOT NULL,
    "law" TEXT,
    "retired" BOOLEAN NOT NULL DEFAULT false,
    "contentHash" TEXT NOT NULL,
    "firstVersion" TEXT NOT NULL,
    "lastVersion" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Sitting" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "centerId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "seed" INTEGER NOT NULL,
    "paperId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "publishedAt" DATETIME,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Sitting_centerId_fkey" FOREIGN KEY ("centerId") REFERENCES "Center" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Sitting_paperId_fkey" FOREIGN KEY ("paperId") REFERENCES "Paper" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Room" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sittingId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'waiting',
    "startCode" TEXT,
    "openedAt" DATETIME,
    "pausedAt" DATETIME,
    "pausedMs" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Room_sittingId_fkey" FOREIGN KEY ("sittingId") REFERENCES "Sitting" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RoomProctor" (
    "roomId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    PRIMARY KEY ("roomId", "userId"),
    CONSTRAINT "RoomProctor_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RoomProctor_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Paper" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "level" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "seed" INTEGER NOT NULL,
    "bankVersion" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "items" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Registration" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sittingId" TEXT NOT NULL,
    "roomId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "ticketNumber" TEXT NOT NULL,
    "seat" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Registration_sittingId_fkey" FOREIGN KEY ("sittingId") REFERENCES "Sitting" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Registration_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Registration_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ExamSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "registrationId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Attempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "registrationId" TEXT NOT NULL,
    "itemOrder" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "extraMinutes" INTEGER NOT NULL DEFAULT 0,
    "activeWindow" TEXT,
    "status" TEXT NOT NULL DEFAULT 'in_progress',
    "submittedAt" DATETIME,
    "submitReason" TEXT,
    "score" REAL,
    "passed" BOOLEAN,
    "areaScores" TEXT,
    CONSTRAINT "Attempt_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "Registration" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Answer" (
    "attemptId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "windowId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "savedAt" DATETIME NOT NULL,

    PRIMARY KEY ("attemptId", "itemId"),
    CONSTRAINT "Answer_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "Attempt" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ExtraTime" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "attemptId" TEXT NOT NULL,
    "minutes" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "byUserId" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ExtraTime_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "Attempt" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roomId" TEXT NOT NULL,
    "registrationId" TEXT,
    "note" TEXT NOT NULL,
    "byUserId" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Incident_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "QuestionItem_level_area_type_idx" ON "QuestionItem"("level", "area", "type");

-- CreateIndex
CREATE UNIQUE INDEX "Sitting_paperId_key" ON "Sitting"("paperId");

-- CreateIndex
CREATE INDEX "Sitting_centerId_startsAt_idx" ON "Sitting"("centerId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "Registration_ticketNumber_key" ON "Registration"("ticketNumber");

-- CreateIndex
CREATE INDEX "Registration_roomId_idx" ON "Registration"("roomId");

-- CreateIndex
CREATE UNIQUE INDEX "Registration_sittingId_personId_key" ON "Registration"("sittingId", "personId");

-- CreateIndex
CREATE INDEX "ExamSession_registrationId_idx" ON "ExamSession"("registrationId");

-- CreateIndex
CREATE UNIQUE INDEX "Attempt_registrationId_key" ON "Attempt"("registrationId");

