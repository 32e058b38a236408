-- AlterTable
ALTER TABLE "Sitting" ADD COLUMN "address" TEXT;
ALTER TABLE "Sitting" ADD COLUMN "seatedAt" DATETIME;
ALTER TABLE "Sitting" ADD COLUMN "seatingSeed" INTEGER;

-- CreateIndex
CREATE UNIQUE INDEX "Registration_roomId_seat_key" ON "Registration"("roomId", "seat");

