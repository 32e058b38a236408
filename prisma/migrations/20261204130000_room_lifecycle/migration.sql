-- Room lifecycle: when a room closed, and the proctor's note on a late opening.
ALTER TABLE "Room" ADD COLUMN "closedAt" DATETIME;
ALTER TABLE "Room" ADD COLUMN "lateOpenNote" TEXT;
