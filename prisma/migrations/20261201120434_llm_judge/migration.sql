-- CreateTable
CREATE TABLE "EvaluatorTemplate" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "evaluatorId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "prompt" TEXT NOT NULL,
    "outputDefinition" JSONB NOT NULL,
    "connectionId" TEXT,
    "model" TEXT,
    "libraryKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EvaluatorTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvaluationRule" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "evaluatorId" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "filter" JSONB NOT NULL DEFAULT '{}',
    "mapping" JSONB NOT NULL DEFAULT '[]',
    "sampling" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "delaySeconds" INTEGER NOT NULL DEFAULT 0,
    "runOnNew" BOOLEAN NOT NULL DEFAULT true,
    "backfillFrom" TIMESTAMP(3),
    "backfillTo" TIMESTAMP(3),
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "pausedReason" TEXT,
    "pausedMessage" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EvaluationRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvaluationExecution" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "ruleId" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "traceId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "evaluatorVersionId" TEXT,
    "scoreId" TEXT,
    "judgeTraceId" TEXT,
    "value" DOUBLE PRECISION,
    "stringValue" TEXT,
    "reasoning" TEXT,
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "EvaluationExecution_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EvaluatorTemplate_projectId_evaluatorId_version_idx" ON "EvaluatorTemplate"("projectId", "evaluatorId", "version" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "EvaluatorTemplate_projectId_name_version_key" ON "EvaluatorTemplate"("projectId", "name", "version");

-- CreateIndex
CREATE INDEX "EvaluationRule_projectId_enabled_idx" ON "EvaluationRule"("projectId", "enabled");

-- CreateIndex
CREATE UNIQUE INDEX "EvaluationRule_projectId_name_key" ON "EvaluationRule"("projectId", "name");

-- CreateIndex
CREATE INDEX "EvaluationExecution_projectId_ruleId_createdAt_idx" ON "EvaluationExecution"("projectId", "ruleId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "EvaluationExecution_projectId_traceId_idx" ON "EvaluationExecution"("projectId", "traceId");

-- CreateIndex
CREATE UNIQUE INDEX "EvaluationExecution_projectId_ruleId_targetType_targetId_key" ON "EvaluationExecution"("projectId", "ruleId", "targetType", "targetId");
