import type { JsonObject, ObservationRecord } from "@loupe/domain";
import type { ObservationType } from "@loupe/contracts";
import { prisma, type Tx } from "../client.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { jsonb } from "./sql.ts";

export async function findObservationRecords(tx: Tx, projectId: string, ids: string[]): Promise<Map<string, ObservationRecord>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.observation.findMany({ where: { projectId, id: { in: ids } } });
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
      },
    ]),
  );
}

/**
 * Writes merged records. Cost is reset to "not computed" only when the inputs of the cost
 * calculation (model, usage, provided cost, model parameters) actually changed.
 */
export async function upsertObservationRecords(
  tx: Tx,
  projectId: string,
  records: (ObservationRecord & { traceId: string })[],
): Promise<void> {
  if (records.length === 0) return;
  const values = records.map(
    (r) => Prisma.sql`(${projectId}, ${r.id}, ${r.traceId}, ${r.parentObservationId}, ${r.type}, ${r.name},
      ${r.startTime}, ${r.endTime}, ${r.completionStartTime}, ${r.level}, ${r.statusMessage}, ${r.version},
      ${r.environment}, ${r.model}, ${jsonb(r.modelParameters)}, ${jsonb(r.input)}, ${jsonb(r.output)},
      ${jsonb(r.metadata)}, ${r.promptName}, ${r.promptVersion}::int, ${jsonb(r.providedUsageDetails)},
      ${jsonb(r.providedCostDetails)}, now(), now())`,
  );
  await tx.$executeRaw`
    INSERT INTO "Observation" ("projectId", "id", "traceId", "parentObservationId", "type", "name", "startTime",
      "endTime", "completionStartTime", "level", "statusMessage", "version", "environment", "model",
      "modelParameters", "input", "output", "metadata", "promptName", "promptVersion", "providedUsageDetails",
      "providedCostDetails", "createdAt", "updatedAt")
    VALUES ${Prisma.join(values)}
    ON CONFLICT ("projectId", "id") DO UPDATE SET
      "parentObservationId" = EXCLUDED."parentObservationId", "type" = EXCLUDED."type", "name" = EXCLUDED."name",
      "endTime" = EXCLUDED."endTime", "completionStartTime" = EXCLUDED."completionStartTime",
      "level" = EXCLUDED."level", "statusMessage" = EXCLUDED."statusMessage", "version" = EXCLUDED."version",
      "model" = EXCLUDED."model", "modelParameters" = EXCLUDED."modelParameters", "input" = EXCLUDED."input",
      "output" = EXCLUDED."output", "metadata" = EXCLUDED."metadata", "promptName" = EXCLUDED."promptName",
      "promptVersion" = EXCLUDED."promptVersion", "providedUsageDetails" = EXCLUDED."providedUsageDetails",
      "providedCostDetails" = EXCLUDED."providedCostDetails",
      "costComputedAt" = CASE WHEN
          "Observation"."model" IS NOT DISTINCT FROM EXCLUDED."model"
          AND "Observation"."providedUsageDetails" = EXCLUDED."providedUsageDetails"
          AND "Observation"."providedCostDetails" = EXCLUDED."providedCostDetails"
          AND "Observation"."modelParameters" IS NOT DISTINCT FROM EXCLUDED."modelParameters"
        THEN "Observation"."costComputedAt" ELSE NULL END,
      "updatedAt" = now()`;
}

export type CostInput = {
  id: string;
  type: string;
  level: string;
  startTime: Date;
  model: string | null;
  modelParameters: JsonObject | null;
  metadata: JsonObject;
  providedUsageDetails: Record<string, number>;
  providedCostDetails: Record<string, number>;
};

/** Observations among `ids` whose cost has not been computed for their current usage. */
export async function findObservationsNeedingCost(projectId: string, ids: string[]): Promise<CostInput[]> {
  if (ids.length === 0) return [];
  const rows = await prisma.observation.findMany({
    where: { projectId, id: { in: ids }, costComputedAt: null },
    select: {
      id: true,
      type: true,
      level: true,
      startTime: true,
      model: true,
      modelParameters: true,
      metadata: true,
      providedUsageDetails: true,
      providedCostDetails: true,
    },
  });
  return rows.map((r) => ({
    ...r,
    modelParameters: r.modelParameters as JsonObject | null,
    metadata: r.metadata as JsonObject,
    providedUsageDetails: r.providedUsageDetails as Record<string, number>,
    providedCostDetails: r.providedCostDetails as Record<string, number>,
  }));
}

/** Inputs and outputs of a few observations (for token counting when usage is missing). */
export async function getObservationPayloads(projectId: string, ids: string[]) {
  if (ids.length === 0) return new Map<string, { input: unknown; output: unknown }>();
  const rows = await prisma.observation.findMany({
    where: { projectId, id: { in: ids } },
    select: { id: true, input: true, output: true },
  });
  return new Map(rows.map((r) => [r.id, { input: r.input, output: r.output }]));
}

export type CostResultRow = {
  id: string;
  usageDetails: Record<string, number>;
  costDetails: Record<string, number>;
  inputTokens: number | null;
  outputTokens: number | null;
  totalTokens: number | null;
  totalCost: number | null;
  matchedModelId: string | null;
  pricingTierName: string | null;
};

export async function writeObservationCosts(projectId: string, results: CostResultRow[]): Promise<void> {
  if (results.length === 0) return;
  const values = results.map(
    (r) => Prisma.sql`(${r.id}, ${jsonb(r.usageDetails)}, ${jsonb(r.costDetails)}, ${r.inputTokens}::int,
      ${r.outputTokens}::int, ${r.totalTokens}::int, ${r.totalCost}::numeric, ${r.matchedModelId}, ${r.pricingTierName})`,
  );
  await prisma.$executeRaw`
    UPDATE "Observation" AS o SET
      "usageDetails" = v.usage, "costDetails" = v.cost, "inputTokens" = v.input_tokens,
      "outputTokens" = v.output_tokens, "totalTokens" = v.total_tokens, "totalCost" = v.total_cost,
      "matchedModelId" = v.model_id, "pricingTierName" = v.tier, "costComputedAt" = now()
    FROM (VALUES ${Prisma.join(values)}) AS v(id, usage, cost, input_tokens, output_tokens, total_tokens, total_cost, model_id, tier)
    WHERE o."projectId" = ${projectId} AND o."id" = v.id`;
}
