-- DropIndex
DROP INDEX "Trace_projectId_name_idx";

-- CreateIndex
CREATE INDEX "Trace_projectId_name_timestamp_idx" ON "Trace"("projectId", "name", "timestamp" DESC);

-- CreateIndex
CREATE INDEX "Observation_projectId_level_traceId_idx" ON "Observation"("projectId", "level", "traceId");

-- CreateIndex
CREATE INDEX "Observation_projectId_model_traceId_idx" ON "Observation"("projectId", "model", "traceId");
