-- AlterTable
ALTER TABLE "Sitting" ADD COLUMN     "address" TEXT,
ADD COLUMN     "seatedAt" TIMESTAMP(3),
ADD COLUMN     "seatingSeed" INTEGER;

-- CreateIndex
CREATE UNIQUE INDEX "Registration_roomId_seat_key" ON "Registration"("roomId", "seat");

