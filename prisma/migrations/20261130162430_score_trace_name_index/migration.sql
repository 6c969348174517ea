-- DropIndex
DROP INDEX "Score_projectId_traceId_idx";

-- CreateIndex
CREATE INDEX "Score_projectId_traceId_name_idx" ON "Score"("projectId", "traceId", "name");
