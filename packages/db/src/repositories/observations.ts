import { type JsonObject, type ObservationRecord, readMergeState, withPackedMergeState } from "@loupe/domain";
import type { ObservationType } from "@loupe/contracts";
import type { Tx } from "../client.ts";
import type { Observation } from "../generated/prisma/client.ts";

/** A stored observation as the merge reads it, with the effective usage and cost it was stored with. */
export type StoredObservationRecord = ObservationRecord & { usageDetails: Record<string, number>; totalCost: number | null };

export async function findObservationRecords(tx: Tx, projectId: string, ids: string[]): Promise<Map<string, StoredObservationRecord>> {
  if (ids.length === 0) return new Map();
  // One primary-key probe per id whatever the statistics say (LIMIT 1 keeps the planner from turning the
  // lateral into a join): with `id IN (…)` or a plain join, statistics from when the project was small made
  // Postgres scan the whole project per batch (~1 s at 700k rows; a hash join over it when it was young).
  const rows = await tx.$queryRaw<Observation[]>`
    SELECT o.* FROM unnest(${ids}::text[]) AS k("id")
    CROSS JOIN LATERAL (SELECT * FROM "Observation" x WHERE x."projectId" = ${projectId} AND x."id" = k."id" LIMIT 1) o`;
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        traceId: r.traceId,
        parentObservationId: r.parentObservationId,
        type: r.type as ObservationType,
        name: r.name,
        startTime: r.startTime,
        endTime: r.endTime,
        completionStartTime: r.completionStartTime,
        level: r.level,
        statusMessage: r.statusMessage,
        version: r.version,
        environment: r.environment,
        model: r.model,
        modelParameters: r.modelParameters as JsonObject | null,
        input: r.input,
        output: r.output,
        metadata: (r.metadata ?? {}) as JsonObject,
        promptName: r.promptName,
        promptVersion: r.promptVersion,
        providedUsageDetails: r.providedUsageDetails as Record<string, number>,
        providedCostDetails: r.providedCostDetails as Record<string, number>,
        mergeState: readMergeState(r.mergeState),
        usageDetails: r.usageDetails as Record<string, number>,
        totalCost: r.totalCost === null ? null : Number(r.totalCost),
      },
    ]),
  );
}

/** Usage and cost derived from a merged observation (computed by the worker's merge). */
export type ObservationCost = {
  usageDetails: Record<string, number>;
  costDetails: Record<string, number>;
  inputTokens: number | null;
  outputTokens: number | null;
  totalTokens: number | null;
  totalCost: number | null;
  matchedModelId: string | null;
  pricingTierName: string | null;
};

/**
 * Writes merged records together with their cost, so a stored cost always matches the stored usage.
 * The rows travel as one JSON parameter expanded by json_to_recordset (json, not jsonb: the payloads keep
 * the key order the SDK sent, and no binary conversion of them happens): binding ~30 parameters per
 * row cost more than the rest of the merge together.
 */
export async function upsertObservationRecords(
  tx: Tx,
  projectId: string,
  records: (ObservationRecord & ObservationCost & { traceId: string })[],
): Promise<void> {
  if (records.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO "Observation" ("projectId", "id", "traceId", "parentObservationId", "type", "name", "startTime",
      "endTime", "completionStartTime", "level", "statusMessage", "version", "environment", "model",
      "modelParameters", "input", "output", "metadata", "promptName", "promptVersion", "providedUsageDetails",
      "providedCostDetails", "usageDetails", "costDetails", "inputTokens", "outputTokens", "totalTokens",
      "totalCost", "matchedModelId", "pricingTierName", "mergeState", "costComputedAt", "createdAt", "updatedAt")
    SELECT ${projectId}, r."id", r."traceId", r."parentObservationId", r."type", r."name", r."startTime",
      r."endTime", r."completionStartTime", r."level", r."statusMessage", r."version", r."environment", r."model",
      r."modelParameters", r."input", r."output", coalesce(r."metadata", '{}'), r."promptName", r."promptVersion",
      coalesce(r."providedUsageDetails", '{}'), coalesce(r."providedCostDetails", '{}'),
      coalesce(r."usageDetails", '{}'), coalesce(r."costDetails", '{}'), r."inputTokens", r."outputTokens",
      r."totalTokens", r."totalCost", r."matchedModelId", r."pricingTierName", coalesce(r."mergeState", '{}'), now(), now(), now()
    FROM json_to_recordset(${JSON.stringify(records.map(withPackedMergeState))}::json) AS r("id" text, "traceId" text,
      "parentObservationId" text, "type" text, "name" text, "startTime" timestamp(3), "endTime" timestamp(3),
      "completionStartTime" timestamp(3), "level" text, "statusMessage" text, "version" text, "environment" text,
      "model" text, "modelParameters" jsonb, "input" json, "output" json, "metadata" jsonb, "promptName" text,
      "promptVersion" int, "providedUsageDetails" jsonb, "providedCostDetails" jsonb, "usageDetails" jsonb,
      "costDetails" jsonb, "inputTokens" int, "outputTokens" int, "totalTokens" int, "totalCost" numeric,
      "matchedModelId" text, "pricingTierName" text, "mergeState" jsonb)
    ON CONFLICT ("projectId", "id") DO UPDATE SET
      "traceId" = EXCLUDED."traceId", "startTime" = EXCLUDED."startTime", "environment" = EXCLUDED."environment",
      "mergeState" = EXCLUDED."mergeState", "parentObservationId" = EXCLUDED."parentObservationId", "type" = EXCLUDED."type", "name" = EXCLUDED."name",
      "endTime" = EXCLUDED."endTime", "completionStartTime" = EXCLUDED."completionStartTime",
      "level" = EXCLUDED."level", "statusMessage" = EXCLUDED."statusMessage", "version" = EXCLUDED."version",
      "model" = EXCLUDED."model", "modelParameters" = EXCLUDED."modelParameters", "input" = EXCLUDED."input",
      "output" = EXCLUDED."output", "metadata" = EXCLUDED."metadata", "promptName" = EXCLUDED."promptName",
      "promptVersion" = EXCLUDED."promptVersion", "providedUsageDetails" = EXCLUDED."providedUsageDetails",
      "providedCostDetails" = EXCLUDED."providedCostDetails", "usageDetails" = EXCLUDED."usageDetails",
      "costDetails" = EXCLUDED."costDetails", "inputTokens" = EXCLUDED."inputTokens",
      "outputTokens" = EXCLUDED."outputTokens", "totalTokens" = EXCLUDED."totalTokens",
      "totalCost" = EXCLUDED."totalCost", "matchedModelId" = EXCLUDED."matchedModelId",
      "pricingTierName" = EXCLUDED."pricingTierName", "costComputedAt" = EXCLUDED."costComputedAt",
      "updatedAt" = now()`;
}
