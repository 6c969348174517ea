-- The stored ingestion batch keeps the text the SDK sent (`json`, not `jsonb`): its payloads keep their key
-- order on the way to the merge, and the request path no longer converts ~100 KB batches to jsonb.
-- A migration of its own, so the request path's table is locked only for its own (short) rewrite, not
-- while the traces and observations of the next migration are rewritten.
ALTER TABLE "IngestionBatch" ALTER COLUMN "events" SET DATA TYPE JSON;
