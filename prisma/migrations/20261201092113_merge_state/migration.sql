-- AlterTable
ALTER TABLE "Trace" ADD COLUMN     "mergeState" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "Observation" ADD COLUMN     "mergeState" JSONB NOT NULL DEFAULT '{}';
