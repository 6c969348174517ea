-- CreateIndex
CREATE INDEX "Observation_projectId_promptName_promptVersion_startTime_idx" ON "Observation"("projectId", "promptName", "promptVersion", "startTime" DESC);
