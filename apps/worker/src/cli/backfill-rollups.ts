// Rebuilds the dashboards' metric rollups from raw rows: `npm run db:rollups:backfill [-- <projectId>…]`.
// Without ids, every project the metric_rollups migration found with data (MetricRollupBackfill);
// until then the query planner reads those projects' raw rows. Safe while ingestion runs.
import { disconnectPrisma } from "@loupe/db";
import { backfillRollups } from "@loupe/server";

const done = await backfillRollups(process.argv.slice(2), (projectId, ms) => console.log(`rollups of ${projectId} rebuilt in ${ms} ms`));
console.log(done.length > 0 ? `backfilled ${done.length} project(s)` : "no project awaits a rollup backfill");
await disconnectPrisma();
