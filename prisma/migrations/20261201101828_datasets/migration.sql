-- CreateEnum
CREATE TYPE "DatasetItemStatus" AS ENUM ('ACTIVE', 'ARCHIVED');

-- CreateTable
CREATE TABLE "Dataset" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "metadata" JSONB,
    "inputSchema" JSONB,
    "expectedOutputSchema" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Dataset_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DatasetItem" (
    "projectId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "datasetId" TEXT NOT NULL,
    "status" "DatasetItemStatus" NOT NULL DEFAULT 'ACTIVE',
    "input" JSONB,
    "expectedOutput" JSONB,
    "metadata" JSONB,
    "sourceTraceId" TEXT,
    "sourceObservationId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DatasetItem_pkey" PRIMARY KEY ("projectId","id")
);

-- CreateTable
CREATE TABLE "DatasetItemVersion" (
    "projectId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "datasetId" TEXT NOT NULL,
    "status" "DatasetItemStatus" NOT NULL,
    "input" JSONB,
    "expectedOutput" JSONB,
    "metadata" JSONB,
    "sourceTraceId" TEXT,
    "sourceObservationId" TEXT,
    "validFrom" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DatasetItemVersion_pkey" PRIMARY KEY ("projectId","itemId","version")
);

-- CreateTable
CREATE TABLE "DatasetRun" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "datasetId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "metadata" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DatasetRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DatasetRunItem" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "datasetRunId" TEXT NOT NULL,
    "datasetItemId" TEXT NOT NULL,
    "datasetItemVersion" INTEGER NOT NULL,
    "traceId" TEXT NOT NULL,
    "observationId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DatasetRunItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Dataset_projectId_name_key" ON "Dataset"("projectId", "name");

-- CreateIndex
CREATE INDEX "DatasetItem_projectId_datasetId_createdAt_idx" ON "DatasetItem"("projectId", "datasetId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "DatasetItem_projectId_sourceTraceId_idx" ON "DatasetItem"("projectId", "sourceTraceId");

-- CreateIndex
CREATE INDEX "DatasetItemVersion_projectId_datasetId_validFrom_idx" ON "DatasetItemVersion"("projectId", "datasetId", "validFrom");

-- CreateIndex
CREATE INDEX "DatasetRun_projectId_datasetId_createdAt_idx" ON "DatasetRun"("projectId", "datasetId", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "DatasetRun_datasetId_name_key" ON "DatasetRun"("datasetId", "name");

-- CreateIndex
CREATE INDEX "DatasetRunItem_projectId_datasetRunId_createdAt_idx" ON "DatasetRunItem"("projectId", "datasetRunId", "createdAt");

-- CreateIndex
CREATE INDEX "DatasetRunItem_projectId_datasetItemId_idx" ON "DatasetRunItem"("projectId", "datasetItemId");

-- CreateIndex
CREATE INDEX "DatasetRunItem_projectId_traceId_idx" ON "DatasetRunItem"("projectId", "traceId");

-- AddForeignKey
ALTER TABLE "Dataset" ADD CONSTRAINT "Dataset_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DatasetItem" ADD CONSTRAINT "DatasetItem_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DatasetItemVersion" ADD CONSTRAINT "DatasetItemVersion_projectId_itemId_fkey" FOREIGN KEY ("projectId", "itemId") REFERENCES "DatasetItem"("projectId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DatasetRun" ADD CONSTRAINT "DatasetRun_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DatasetRunItem" ADD CONSTRAINT "DatasetRunItem_datasetRunId_fkey" FOREIGN KEY ("datasetRunId") REFERENCES "DatasetRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DatasetRunItem" ADD CONSTRAINT "DatasetRunItem_projectId_datasetItemId_fkey" FOREIGN KEY ("projectId", "datasetItemId") REFERENCES "DatasetItem"("projectId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
