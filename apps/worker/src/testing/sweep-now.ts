import { disconnectPrisma } from "@loupe/db";
import { closeQueues } from "@loupe/jobs";
import { sweepUnprocessedBatches } from "@loupe/server";

// Runs the ingestion sweep once (what the worker's schedule does every minute), in this process's
// queue (LOUPE_QUEUE_PREFIX), treating every unprocessed batch as stale.
const count = await sweepUnprocessedBatches(0);
process.stdout.write(`swept ${count}\n`);
await closeQueues();
await disconnectPrisma();
