-- AlterTable
ALTER TABLE "Course" ADD COLUMN     "covers" TEXT NOT NULL DEFAULT '[]';

