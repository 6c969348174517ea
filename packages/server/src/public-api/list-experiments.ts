import type {
  TExperimentItemsQuery,
  TExperimentItemsResponse,
  TExperimentsQuery,
  TExperimentsResponse,
  TPublicExperimentItem,
  TScoreV3,
} from "@loupe/contracts";
import { findExperimentItemRows, findExperimentSummaries, findScores, type TimeKeyset } from "@loupe/db";
import { z } from "zod";
import { badRequest } from "../errors.ts";
import { toScoreV3 } from "./list-scores-v3.ts";

// GET /api/public/experiments and /api/public/experiment-items (Langfuse's Experiments API): keyset
// pages with Langfuse's versioned base64url cursor, field groups chosen by the caller.

const ZCursorV1 = z.object({
  v: z.literal(1),
  lastTime: z.string(),
  lastTraceId: z.string(),
  lastId: z.string(),
  lastExperimentId: z.string(),
});
type CursorV1 = z.infer<typeof ZCursorV1>;

const encodeCursor = (c: Omit<CursorV1, "v">) => Buffer.from(JSON.stringify({ v: 1, ...c })).toString("base64url");

function decodeCursor(raw: string): CursorV1 & { time: Date } {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    throw badRequest("Invalid cursor format: pass the meta.cursor of a previous page as it is");
  }
  const version = (json as { v?: unknown } | null)?.v;
  if (version !== undefined && version !== 1)
    throw badRequest(`Unsupported cursor version ${String(version)}; start again without a cursor`);
  const parsed = ZCursorV1.safeParse(json);
  const time = parsed.success ? new Date(parsed.data.lastTime) : null;
  if (!parsed.success || !time || Number.isNaN(time.getTime()))
    throw badRequest("Invalid cursor format: pass the meta.cursor of a previous page as it is");
  return { ...parsed.data, time };
}

const SCORE_FIELDS = new Set(["details", "subject"]);
const scoresV3 = (projectId: string, rows: Awaited<ReturnType<typeof findScores>>): TScoreV3[] =>
  rows.map((r) => toScoreV3(projectId, r, SCORE_FIELDS));

export async function listPublicExperiments(projectId: string, query: TExperimentsQuery): Promise<TExperimentsResponse> {
  const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
  const after: TimeKeyset | undefined = cursor ? { time: cursor.time, id: cursor.lastExperimentId } : undefined;
  const rows = await findExperimentSummaries(projectId, {
    from: query.fromStartTime,
    to: query.toStartTime,
    ids: query.id,
    names: query.name,
    datasetIds: query.datasetId,
    filter: query.filter,
    after,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const withScores = query.fields.has("scores");
  const scores = withScores
    ? await Promise.all(
        page.map(async (r) =>
          // Scores on the experiment itself, not on its items' traces (those come with the items).
          (await findScores({ projectId, filter: { datasetRunIds: [r.id] }, limit: query.scoreLimit * 2, offset: 0 }))
            .filter((s) => s.traceId === null)
            .slice(0, query.scoreLimit),
        ),
      )
    : [];
  const last = page.at(-1);
  return {
    data: page.map((r, i) => ({
      id: r.id,
      name: r.name,
      description: r.description,
      startTime: r.startTime.toISOString(),
      endTime: r.endTime.toISOString(),
      itemCount: r.itemCount,
      datasetId: r.datasetId,
      ...(query.fields.has("metadata") ? { metadata: asObject(r.metadata) } : {}),
      ...(withScores ? { scores: scoresV3(projectId, scores[i] ?? []) } : {}),
    })),
    meta:
      rows.length > query.limit && last
        ? {
            cursor: encodeCursor({
              lastTime: last.lastActivity.toISOString(),
              lastTraceId: "",
              lastId: last.id,
              lastExperimentId: last.id,
            }),
          }
        : {},
  };
}

export async function listPublicExperimentItems(projectId: string, query: TExperimentItemsQuery): Promise<TExperimentItemsResponse> {
  const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
  const f = query.fields;
  const rows = await findExperimentItemRows(projectId, {
    from: query.fromStartTime,
    to: query.toStartTime,
    experimentIds: query.experimentId,
    experimentNames: query.experimentName,
    itemIds: query.experimentItemId,
    datasetIds: query.datasetId,
    filter: query.filter,
    after: cursor ? { time: cursor.time, id: cursor.lastId } : undefined,
    limit: query.limit + 1,
    io: f.has("io"),
    metadata: f.has("metadata"),
    itemMetadata: f.has("itemMetadata"),
    experimentMetadata: f.has("experimentMetadata"),
  });
  const page = rows.slice(0, query.limit);
  const scores = f.has("scores")
    ? await Promise.all(page.map((r) => findScores({ projectId, filter: { traceIds: [r.traceId] }, limit: query.scoreLimit, offset: 0 })))
    : [];
  const last = page.at(-1);
  return {
    data: page.map(
      (r, i): TPublicExperimentItem => ({
        id: r.id,
        traceId: r.traceId,
        startTime: r.startTime.toISOString(),
        endTime: r.endTime?.toISOString() ?? null,
        level: r.level as TPublicExperimentItem["level"],
        environment: r.environment,
        experimentId: r.experimentId,
        experimentName: r.experimentName,
        experimentItemId: r.experimentItemId,
        ...(f.has("dataset") ? { experimentDatasetId: r.datasetId, experimentItemVersion: r.itemVersionAt?.toISOString() ?? null } : {}),
        ...(f.has("io") ? { input: r.input ?? null, output: r.output ?? null, expectedOutput: r.expectedOutput ?? null } : {}),
        ...(f.has("metadata") ? { metadata: asObject(r.metadata) } : {}),
        ...(f.has("itemMetadata") ? { experimentItemMetadata: asObject(r.itemMetadata) } : {}),
        ...(f.has("experimentMetadata")
          ? { experimentMetadata: asObject(r.experimentMetadata), experimentDescription: r.experimentDescription ?? null }
          : {}),
        ...(f.has("scores") ? { scores: scoresV3(projectId, scores[i] ?? []) } : {}),
      }),
    ),
    meta:
      rows.length > query.limit && last
        ? {
            cursor: encodeCursor({
              lastTime: last.startTime.toISOString(),
              lastTraceId: last.traceId,
              lastId: last.id,
              lastExperimentId: last.experimentId,
            }),
          }
        : {},
  };
}

/** Metadata is an object on the wire; anything else stored (a string, a list) is wrapped, null stays null. */
function asObject(v: unknown): Record<string, unknown> | null {
  if (v === null || v === undefined) return null;
  return typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v };
}
