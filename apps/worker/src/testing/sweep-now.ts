import { disconnectPrisma } from "@loupe/db";
import { closeQueues } from "@loupe/jobs";
import { sweepUnprocessedBatches } from "@loupe/server";

// Runs the ingestion sweep once for one project (the worker's schedule sweeps every project each
// minute), in this process's queue (LOUPE_QUEUE_PREFIX), treating every unprocessed batch as stale.
const projectId = process.argv[2];
if (!projectId) throw new Error("usage: sweep-now <projectId>");
const count = await sweepUnprocessedBatches(0, { projectId });
process.stdout.write(`swept ${count}\n`);
await closeQueues();
await disconnectPrisma();
