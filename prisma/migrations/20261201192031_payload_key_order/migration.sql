-- Payloads keep the key order the SDK sent (issue 13): `json` stores the text as written, `jsonb` sorts keys
-- (shorter first, then bytewise). `metadata` stays `jsonb`: filters, breakdowns and rollups use its operators.
-- Rows stored before this migration were already reordered by jsonb; their order cannot come back.
-- Rewrites both tables under an ACCESS EXCLUSIVE lock (docs/performance.md gives the time per million rows);
-- ingestion keeps being accepted meanwhile, and the merges wait for the lock.

-- AlterTable
ALTER TABLE "Trace" ALTER COLUMN "input" SET DATA TYPE JSON,
ALTER COLUMN "output" SET DATA TYPE JSON;

-- AlterTable
ALTER TABLE "Observation" ALTER COLUMN "input" SET DATA TYPE JSON,
ALTER COLUMN "output" SET DATA TYPE JSON;
