-- Issue 17: enemy tags and the review workflow of theory items (law.version lives in the law JSON).
ALTER TABLE "QuestionItem" ADD COLUMN "enemy" TEXT;
ALTER TABLE "QuestionItem" ADD COLUMN "status" TEXT;
ALTER TABLE "QuestionItem" ADD COLUMN "author" TEXT;
ALTER TABLE "QuestionItem" ADD COLUMN "reviewer" TEXT;
ALTER TABLE "QuestionItem" ADD COLUMN "reviewedAt" TEXT;
