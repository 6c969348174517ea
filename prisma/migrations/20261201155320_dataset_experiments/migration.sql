-- CreateTable
CREATE TABLE "DatasetExperiment" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "datasetId" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'RUNNING',
    "config" JSONB NOT NULL,
    "createdByUserId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "DatasetExperiment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DatasetExperimentItem" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "experimentId" TEXT NOT NULL,
    "datasetItemId" TEXT NOT NULL,
    "datasetItemVersion" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "error" TEXT,
    "traceId" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "DatasetExperimentItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DatasetExperiment_projectId_datasetId_createdAt_idx" ON "DatasetExperiment"("projectId", "datasetId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "DatasetExperiment_runId_idx" ON "DatasetExperiment"("runId");

-- CreateIndex
CREATE INDEX "DatasetExperimentItem_projectId_experimentId_status_idx" ON "DatasetExperimentItem"("projectId", "experimentId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "DatasetExperimentItem_experimentId_datasetItemId_key" ON "DatasetExperimentItem"("experimentId", "datasetItemId");

-- AddForeignKey
ALTER TABLE "DatasetExperiment" ADD CONSTRAINT "DatasetExperiment_runId_fkey" FOREIGN KEY ("runId") REFERENCES "DatasetRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DatasetExperimentItem" ADD CONSTRAINT "DatasetExperimentItem_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "DatasetExperiment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
