-- CreateEnum
CREATE TYPE "PromptLabelRequestStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "protectedPromptLabels" TEXT[] DEFAULT ARRAY['production']::TEXT[];

-- CreateTable
CREATE TABLE "Prompt" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "prompt" JSONB NOT NULL,
    "config" JSONB NOT NULL DEFAULT '{}',
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "commitMessage" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Prompt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PromptLabel" (
    "projectId" TEXT NOT NULL,
    "promptName" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "promptId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PromptLabel_pkey" PRIMARY KEY ("projectId","promptName","label")
);

-- CreateTable
CREATE TABLE "PromptDependency" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "parentId" TEXT NOT NULL,
    "childName" TEXT NOT NULL,
    "childLabel" TEXT,
    "childVersion" INTEGER,

    CONSTRAINT "PromptDependency_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PromptLabelRequest" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "promptName" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "status" "PromptLabelRequestStatus" NOT NULL DEFAULT 'PENDING',
    "requestedBy" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMP(3),
    "comment" TEXT,

    CONSTRAINT "PromptLabelRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Prompt_projectId_updatedAt_idx" ON "Prompt"("projectId", "updatedAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "Prompt_projectId_name_version_key" ON "Prompt"("projectId", "name", "version");

-- CreateIndex
CREATE INDEX "PromptLabel_promptId_idx" ON "PromptLabel"("promptId");

-- CreateIndex
CREATE INDEX "PromptDependency_projectId_childName_idx" ON "PromptDependency"("projectId", "childName");

-- CreateIndex
CREATE INDEX "PromptDependency_parentId_idx" ON "PromptDependency"("parentId");

-- CreateIndex
CREATE INDEX "PromptLabelRequest_projectId_status_requestedAt_idx" ON "PromptLabelRequest"("projectId", "status", "requestedAt" DESC);

-- CreateIndex
CREATE INDEX "PromptLabelRequest_projectId_promptName_requestedAt_idx" ON "PromptLabelRequest"("projectId", "promptName", "requestedAt" DESC);

-- AddForeignKey
ALTER TABLE "Prompt" ADD CONSTRAINT "Prompt_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PromptLabel" ADD CONSTRAINT "PromptLabel_promptId_fkey" FOREIGN KEY ("promptId") REFERENCES "Prompt"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PromptDependency" ADD CONSTRAINT "PromptDependency_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Prompt"("id") ON DELETE CASCADE ON UPDATE CASCADE;
