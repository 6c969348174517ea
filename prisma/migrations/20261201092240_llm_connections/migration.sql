-- CreateTable
CREATE TABLE "LlmConnection" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "adapter" TEXT NOT NULL,
    "secretKey" TEXT NOT NULL,
    "displaySecretKey" TEXT NOT NULL,
    "baseURL" TEXT,
    "customModels" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "withDefaultModels" BOOLEAN NOT NULL DEFAULT true,
    "extraHeaders" TEXT,
    "extraHeaderKeys" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "config" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LlmConnection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "LlmConnection_projectId_provider_key" ON "LlmConnection"("projectId", "provider");

-- AddForeignKey
ALTER TABLE "LlmConnection" ADD CONSTRAINT "LlmConnection_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
