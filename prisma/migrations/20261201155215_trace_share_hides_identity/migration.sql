-- AlterTable
ALTER TABLE "Trace" ADD COLUMN     "shareHidesIdentity" BOOLEAN NOT NULL DEFAULT false;
