-- CreateEnum
CREATE TYPE "ScoreConfigDataType" AS ENUM ('NUMERIC', 'CATEGORICAL', 'BOOLEAN', 'TEXT');

-- AlterEnum
ALTER TYPE "ScoreDataType" ADD VALUE 'CORRECTION';

-- AlterTable: convert in place (the generated DROP/ADD COLUMN would lose every config's type).
ALTER TABLE "ScoreConfig"
  ALTER COLUMN "dataType" TYPE "ScoreConfigDataType" USING ("dataType"::text::"ScoreConfigDataType");
