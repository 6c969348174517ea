-- CreateTable
CREATE TABLE "Media" (
    "projectId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "sha256Hash" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "contentLength" INTEGER NOT NULL,
    "content" BYTEA,
    "uploadedAt" TIMESTAMP(3),
    "uploadHttpStatus" INTEGER,
    "uploadHttpError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Media_pkey" PRIMARY KEY ("projectId","id")
);

-- CreateTable
CREATE TABLE "MediaReference" (
    "projectId" TEXT NOT NULL,
    "mediaId" TEXT NOT NULL,
    "traceId" TEXT NOT NULL,
    "observationId" TEXT NOT NULL DEFAULT '',
    "field" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MediaReference_pkey" PRIMARY KEY ("projectId","mediaId","traceId","observationId","field")
);

-- CreateIndex
CREATE INDEX "MediaReference_projectId_traceId_idx" ON "MediaReference"("projectId", "traceId");
