import { metadataKeyOf } from "@loupe/contracts";
import { prisma, type Tx } from "../../client.ts";
import { QueryInputError } from "../../errors.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { ident, MAX_ROLLED_METADATA_KEYS, METADATA_ROLLUP, ROLLUPS, type RollupDefinition } from "./definitions.ts";

// Folding contributions into the rollups. Triggers (migration metric_rollups) append every row
// change's contribution to the delta tables inside the writing transaction; `compactMetricRollups`
// moves a project's pending deltas into the hourly and daily rollup rows in one statement per
// rollup, so a delta is applied exactly once (the DELETE … RETURNING that reads it also removes it).
// Queries read rollup + pending deltas, so compaction only keeps the pending part small: skipping it
// (another worker holds the project's lock) is never wrong.

const sql = Prisma.sql;
const lockKey = (projectId: string) => sql`hashtext(${`loupe-rollups:${projectId}`})`;

/**
 * One statement: take `source` rows (the delta table's shape, with `sign`), and add them to the hourly
 * and daily rollup rows and histogram slots of their keys.
 */
function foldStatement(def: RollupDefinition, source: Prisma.Sql, grains: "hour and day" | "hour" = "hour and day"): Prisma.Sql {
  const keys = def.keys.map(ident);
  const keyList = Prisma.join(keys);
  const values = Object.values(def.values);
  const valueColumns = values.flatMap((v) => [ident(`${v.prefix}N`), ident(`${v.prefix}Sum`)]);
  const valueAggregates = values.flatMap((v) => [
    sql`sum(s."sign" * (s.${ident(v.delta)} IS NOT NULL)::int)`,
    sql`COALESCE(sum(s."sign" * s.${ident(v.delta)}), 0)`,
  ]);
  const conflict = sql`("projectId", "grain", "bucket", ${keyList})`;
  const added = (column: Prisma.Sql) => sql`${column} = r.${column} + EXCLUDED.${column}`;
  const histograms = values.filter((v) => v.histogram);
  const hist =
    def.histogramTable && histograms.length > 0
      ? sql`,
    hist AS (
      INSERT INTO ${ident(def.histogramTable)} AS r ("projectId", "grain", "bucket", ${keyList}, "measure", "slot", "n")
      SELECT g."projectId", g.grain, g.bucket, ${Prisma.join(keys.map((k) => sql`g.${k}`))}, h.measure, h.slot, sum(g."sign")
      FROM g CROSS JOIN LATERAL (VALUES ${Prisma.join(
        histograms.map((v) => sql`(${v.histogram}, loupe_ms_slot(g.${ident(v.delta)}))`),
        ", ",
      )}) h(measure, slot)
      WHERE h.slot IS NOT NULL
      GROUP BY g."projectId", g.grain, g.bucket, ${Prisma.join(keys.map((k) => sql`g.${k}`))}, h.measure, h.slot
      ORDER BY 1, 2, 3
      ON CONFLICT ("projectId", "measure", "grain", "bucket", ${keyList}, "slot") DO UPDATE SET "n" = r."n" + EXCLUDED."n"
      RETURNING 1
    )`
      : Prisma.empty;
  // Spans only widen: a deleted contribution leaves them (a wider span is still a safe bound).
  const totals = def.totals
    ? sql`,
    totals AS (
      INSERT INTO ${ident(def.totals.table)} AS r
        ("projectId", "kind", "value", "allEnvironments", "environment", "firstHour", "lastHour", "count", ${Prisma.join(valueColumns)})
      SELECT s."projectId", s."kind", s."value", e."allEnvironments", e."environment", min(s."hour"), max(s."hour"), sum(s."sign"),
        ${Prisma.join(valueAggregates)}
      FROM source s CROSS JOIN LATERAL (VALUES (false, s."environment"), (true, '')) e("allEnvironments", "environment")
      WHERE s."kind" = ANY(${def.totals.kinds}::text[])
      GROUP BY 1, 2, 3, 4, 5
      ORDER BY 1, 2, 4, 5, 3
      ON CONFLICT ("projectId", "kind", "allEnvironments", "environment", "value") DO UPDATE SET
        "firstHour" = LEAST(r."firstHour", EXCLUDED."firstHour"), "lastHour" = GREATEST(r."lastHour", EXCLUDED."lastHour"),
        ${Prisma.join([added(ident("count")), ...valueColumns.map(added)])}
      RETURNING 1
    )`
    : Prisma.empty;
  // Sorted by key so that two compactions of different projects never wait on each other in a cycle.
  return sql`
    WITH source AS (${source}),
    g AS (
      SELECT s.*, gr.grain, CASE gr.grain WHEN 'hour' THEN s."hour" ELSE date_trunc('day', s."hour") END AS bucket
      FROM source s CROSS JOIN (VALUES ('hour')${grains === "hour" ? Prisma.empty : sql`, ('day')`}) gr(grain)
    ),
    main AS (
      INSERT INTO ${ident(def.table)} AS r ("projectId", "grain", "bucket", ${keyList}, "count", ${Prisma.join(valueColumns)})
      SELECT s."projectId", s.grain, s.bucket, ${Prisma.join(keys.map((k) => sql`s.${k}`))}, sum(s."sign"), ${Prisma.join(valueAggregates)}
      FROM g s GROUP BY s."projectId", s.grain, s.bucket, ${Prisma.join(keys.map((k) => sql`s.${k}`))}
      ORDER BY 1, 2, 3
      ON CONFLICT ${conflict} DO UPDATE SET ${Prisma.join([added(ident("count")), ...valueColumns.map(added)])}
      RETURNING 1
    )${hist}${totals}
    SELECT (SELECT count(*) FROM source)::int AS folded, (SELECT count(*) FROM main)::int AS rows`;
}

/**
 * Deletes the hourly rows of a high-cardinality rollup past its retention (the planner no longer reads
 * them: whole days come from daily rows, older partial days from the rows themselves). One index range
 * per kind; also drops hourly rows that a late change of an old row re-created.
 */
function pruneStatement(def: RollupDefinition, projectId: string): Prisma.Sql | null {
  if (!def.hourlyRetention) return null;
  const before = new Date(Date.now() - def.hourlyRetention.pruneAfterHours * 3_600_000);
  return sql`DELETE FROM ${ident(def.table)}
    WHERE "projectId" = ${projectId} AND "kind" = ANY(${def.kinds ?? []}::text[]) AND "grain" = 'hour' AND "bucket" < ${before}`;
}

/**
 * Folds a project's pending deltas into its rollups. Called by the worker right after each merge;
 * returns how many delta rows it folded, or null when another compaction of the project was running.
 */
export async function compactMetricRollups(projectId: string): Promise<number | null> {
  return prisma.$transaction(async (tx) => {
    const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${lockKey(projectId)}) AS locked`;
    if (!lock?.locked) return null;
    let folded = 0;
    for (const def of ROLLUPS) {
      const source = sql`DELETE FROM ${ident(def.delta)} WHERE "projectId" = ${projectId} RETURNING *`;
      const [result] = await tx.$queryRaw<{ folded: number }[]>(foldStatement(def, source));
      folded += result?.folded ?? 0;
      const prune = pruneStatement(def, projectId);
      if (prune) await tx.$executeRaw(prune);
    }
    return folded;
  });
}

/** The daily rows of a project's rollup from its hourly ones (the backfill folds hours only: half the rows to group). */
function dailyFromHourly(def: RollupDefinition, projectId: string): Prisma.Sql[] {
  const keys = Prisma.join(def.keys.map(ident));
  const values = Object.values(def.values).flatMap((v) => [ident(`${v.prefix}N`), ident(`${v.prefix}Sum`)]);
  const statements = [
    sql`INSERT INTO ${ident(def.table)} ("projectId", "grain", "bucket", ${keys}, "count", ${Prisma.join(values)})
      SELECT "projectId", 'day', date_trunc('day', "bucket"), ${keys}, sum("count"), ${Prisma.join(values.map((v) => sql`sum(${v})`))}
      FROM ${ident(def.table)} WHERE "projectId" = ${projectId} AND "grain" = 'hour'
      GROUP BY "projectId", date_trunc('day', "bucket"), ${keys}`,
  ];
  if (def.histogramTable)
    statements.push(sql`INSERT INTO ${ident(def.histogramTable)} ("projectId", "grain", "bucket", ${keys}, "measure", "slot", "n")
      SELECT "projectId", 'day', date_trunc('day', "bucket"), ${keys}, "measure", "slot", sum("n")
      FROM ${ident(def.histogramTable)} WHERE "projectId" = ${projectId} AND "grain" = 'hour'
      GROUP BY "projectId", date_trunc('day', "bucket"), ${keys}, "measure", "slot"`);
  return statements;
}

async function rebuild(tx: Tx, projectId: string, defs: readonly RollupDefinition[]): Promise<void> {
  // Grouping every row of a large project: hash aggregates in memory rather than sorts spilled to disk
  // (for this transaction only).
  await tx.$executeRaw`SET LOCAL work_mem = '256MB'`;
  for (const def of defs) {
    await tx.$executeRaw`DELETE FROM ${ident(def.table)} WHERE "projectId" = ${projectId}`;
    if (def.histogramTable) await tx.$executeRaw`DELETE FROM ${ident(def.histogramTable)} WHERE "projectId" = ${projectId}`;
    await tx.$executeRaw`DELETE FROM ${ident(def.delta)} WHERE "projectId" = ${projectId}`;
    if (def.totals) await tx.$executeRaw`DELETE FROM ${ident(def.totals.table)} WHERE "projectId" = ${projectId}`;
    await tx.$queryRaw(foldStatement(def, def.contributions(projectId), "hour"));
    for (const statement of dailyFromHourly(def, projectId)) await tx.$executeRaw(statement);
    const prune = pruneStatement(def, projectId);
    if (prune) await tx.$executeRaw(prune);
  }
  if (defs.includes(METADATA_ROLLUP))
    await tx.$executeRaw`UPDATE "MetricRollupMetadataKey" SET "readyAt" = now() WHERE "projectId" = ${projectId} AND "readyAt" IS NULL`;
  if (defs === ROLLUPS) await tx.$executeRaw`DELETE FROM "MetricRollupBackfill" WHERE "projectId" = ${projectId}`;
}

const isSerializationFailure = (error: unknown) => /40001|could not serialize/.test(String((error as Error)?.message ?? error));

/**
 * Rebuilds a project's rollups from its rows (existing data, or a repair). One REPEATABLE READ
 * snapshot: rows and deltas committed after it are not in the rebuild and stay pending, so merges may
 * go on meanwhile. Compactions skip the project while it holds the lock; a compaction that committed
 * just before the snapshot became visible is a serialization failure, and the rebuild starts again.
 */
export async function backfillMetricRollups(projectId: string, defs: readonly RollupDefinition[] = ROLLUPS, attempts = 5): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      const done = await prisma.$transaction(
        async (tx) => {
          const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${lockKey(projectId)}) AS locked`;
          if (!lock?.locked) return false;
          await rebuild(tx, projectId, defs);
          return true;
        },
        { isolationLevel: "RepeatableRead", timeout: 30 * 60_000, maxWait: 60_000 },
      );
      if (done) return;
    } catch (error) {
      if (!isSerializationFailure(error) || attempt >= attempts) throw error;
    }
    if (attempt >= attempts) throw new Error(`backfill of ${projectId}: the project's rollups stayed locked`);
    await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
  }
}

/** Projects whose rows predate the rollup triggers and still need a backfill. */
export async function projectsAwaitingRollupBackfill(): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ projectId: string }[]>`SELECT "projectId" FROM "MetricRollupBackfill" ORDER BY "createdAt"`;
  return rows.map((r) => r.projectId);
}

/** Whether a metadata key of the project is rolled up and built (the planner then answers from it). */
/**
 * Metadata keys that saved widgets break down by and that are not rolled up yet, in projects that may
 * still add a key: what the worker's sweep asks for again when a build job was lost (Redis restarted
 * empty) or never queued (the queue was down when the widget was saved).
 */
export async function metadataKeysAwaitingRollup(limit = 200): Promise<{ projectId: string; key: string }[]> {
  return prisma.$queryRaw<{ projectId: string; key: string }[]>`
    SELECT DISTINCT w."projectId", substring(d->>'field' FROM 10) AS "key"
    FROM "DashboardWidget" w, jsonb_array_elements(w."dimensions") d
    WHERE d->>'field' LIKE 'metadata.%'
      AND NOT EXISTS (SELECT 1 FROM "MetricRollupMetadataKey" k
        WHERE k."projectId" = w."projectId" AND k."key" = substring(d->>'field' FROM 10) AND k."readyAt" IS NOT NULL)
      AND (SELECT count(*) FROM "MetricRollupMetadataKey" k WHERE k."projectId" = w."projectId") < ${MAX_ROLLED_METADATA_KEYS}
    LIMIT ${limit}`;
}

export async function metadataRollupReady(projectId: string, key: string): Promise<boolean> {
  const rows = await prisma.$queryRaw<unknown[]>`
    SELECT 1 FROM "MetricRollupMetadataKey" WHERE "projectId" = ${projectId} AND "key" = ${key} AND "readyAt" IS NOT NULL`;
  return rows.length > 0;
}

/**
 * Rolls up one metadata key of a project (a widget grouped by `metadata.<key>` was saved), then builds
 * its rollup from the stored rows. The registration briefly takes a SHARE lock on "Observation": merges
 * in flight finish first and later ones wait for the commit, so every row change is either in the
 * rebuild's snapshot or seen by the trigger with the key registered. Queries use the key once built.
 */
export async function enableMetadataRollup(projectId: string, key: string): Promise<void> {
  if (metadataKeyOf(`metadata.${key}`) !== key) throw new QueryInputError("a metadata key is 1–200 characters without control characters");
  const state = await prisma.$transaction(
    async (tx) => {
      const [row] = await tx.$queryRaw<{ registered: boolean; ready: boolean; count: number }[]>`
        SELECT COALESCE(bool_or("key" = ${key}), false) AS registered, COALESCE(bool_or("key" = ${key} AND "readyAt" IS NOT NULL), false) AS ready,
          count(*)::int AS count
        FROM "MetricRollupMetadataKey" WHERE "projectId" = ${projectId}`;
      if (row?.ready) return "ready";
      // Registered but not built (an earlier build was interrupted): build it now.
      if (row?.registered) return "registered";
      if ((row?.count ?? 0) >= MAX_ROLLED_METADATA_KEYS)
        throw new QueryInputError(`at most ${MAX_ROLLED_METADATA_KEYS} metadata keys per project are rolled up`);
      await tx.$executeRaw`LOCK TABLE "Observation" IN SHARE MODE`;
      await tx.$executeRaw`INSERT INTO "MetricRollupMetadataKey" ("projectId", "key") VALUES (${projectId}, ${key})`;
      return "registered";
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  if (state === "registered") await backfillMetricRollups(projectId, [METADATA_ROLLUP]);
}
