-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "piiMaskingEnabled" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "piiMaskingRules" JSONB NOT NULL DEFAULT '[]';
