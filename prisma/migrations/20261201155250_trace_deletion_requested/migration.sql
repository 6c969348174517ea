-- AlterTable
ALTER TABLE "Trace" ADD COLUMN     "deletionRequestedAt" TIMESTAMP(3);

-- Bulk deletes from the UI mark traces (every read skips them) and the worker's traces.delete job
-- removes them in batches. The job and its sweep find the marked rows through this partial index
-- (empty but for deletions in progress), never by scanning a project's traces. Nullable, no default:
-- adding the column rewrites nothing.
CREATE INDEX "Trace_deletion_requested_idx" ON "Trace" ("projectId", "deletionRequestedAt") WHERE "deletionRequestedAt" IS NOT NULL;
