-- CreateTable
CREATE TABLE "ExamAdmissionClock" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "nextFreeMs" REAL NOT NULL
);

-- CreateTable
CREATE TABLE "ExamAdmissionTicket" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "firstSeenMs" REAL NOT NULL,
    "admitAtMs" REAL NOT NULL
);

