-- CreateTable
CREATE TABLE "ExamAdmissionClock" (
    "id" TEXT NOT NULL,
    "nextFreeMs" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "ExamAdmissionClock_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExamAdmissionTicket" (
    "key" TEXT NOT NULL,
    "firstSeenMs" DOUBLE PRECISION NOT NULL,
    "admitAtMs" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "ExamAdmissionTicket_pkey" PRIMARY KEY ("key")
);

