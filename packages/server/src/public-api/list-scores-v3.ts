import type { TScoresV3Query, TScoresV3Response, TScoreV3 } from "@loupe/contracts";
import { findScores, type PublicScoreRow, type ScoreFilter } from "@loupe/db";
import { badRequest, rejectInvalidQuery } from "../errors.ts";

// GET /api/public/v3/scores: newest first with a keyset cursor (timestamp, id) instead of page numbers.

const encodeCursor = (row: PublicScoreRow) => Buffer.from(JSON.stringify([row.timestamp.toISOString(), row.id])).toString("base64url");

function decodeCursor(cursor: string): { timestamp: Date; id: string } {
  try {
    const [timestamp, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    const at = new Date(String(timestamp));
    if (typeof id !== "string" || Number.isNaN(at.getTime())) throw new Error("shape");
    return { timestamp: at, id };
  } catch {
    throw badRequest("cursor is not a cursor this endpoint returned; start again without it");
  }
}

function polymorphicValue(s: PublicScoreRow): Pick<TScoreV3, "dataType" | "value"> {
  if (s.dataType === "NUMERIC") return { dataType: "NUMERIC", value: s.value ?? 0 };
  if (s.dataType === "BOOLEAN") return { dataType: "BOOLEAN", value: s.value === 1 };
  return { dataType: s.dataType, value: s.stringValue ?? "" } as Pick<TScoreV3, "dataType" | "value">;
}

function subjectOf(s: PublicScoreRow): TScoreV3["subject"] {
  if (s.observationId) return { kind: "observation", id: s.observationId, traceId: s.traceId };
  if (s.traceId) return { kind: "trace", id: s.traceId };
  if (s.sessionId) return { kind: "session", id: s.sessionId };
  if (s.datasetRunId) return { kind: "experiment", id: s.datasetRunId };
  return null;
}

export function toScoreV3(projectId: string, s: PublicScoreRow, fields: Set<string>): TScoreV3 {
  return {
    id: s.id,
    projectId,
    name: s.name,
    source: s.source,
    timestamp: s.timestamp.toISOString(),
    environment: s.environment,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    ...polymorphicValue(s),
    ...(fields.has("details")
      ? { comment: s.comment, configId: s.configId, metadata: (s.metadata as Record<string, unknown> | null) ?? {} }
      : {}),
    ...(fields.has("annotation") ? { authorUserId: s.authorUserId, queueId: s.queueId } : {}),
    ...(fields.has("subject") ? { subject: subjectOf(s) } : {}),
  } as TScoreV3;
}

export async function listPublicScoresV3(projectId: string, query: TScoresV3Query): Promise<TScoresV3Response> {
  const single = query.dataType?.length === 1 ? query.dataType[0] : undefined;
  const filter: ScoreFilter = {
    ids: query.id,
    names: query.name,
    sources: query.source,
    dataTypes: query.dataType,
    environment: query.environment,
    configIds: query.configId,
    queueIds: query.queueId,
    authorUserIds: query.authorUserId,
    traceIds: query.traceId,
    observationIds: query.observationId,
    sessionIds: query.sessionId,
    datasetRunIds: query.experimentId,
    fromTimestamp: query.fromTimestamp,
    toTimestamp: query.toTimestamp,
    valueMin: query.valueMin,
    valueMax: query.valueMax,
    values:
      single === "NUMERIC" ? query.value?.map(Number) : single === "BOOLEAN" ? query.value?.map((v) => (v === "true" ? 1 : 0)) : undefined,
    stringValues: single === "CATEGORICAL" ? query.value : undefined,
    after: query.cursor ? decodeCursor(query.cursor) : undefined,
  };
  // One row more than the page says whether there is a next page without counting.
  const rows = await rejectInvalidQuery(() => findScores({ projectId, filter, limit: query.limit + 1, offset: 0 }));
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    data: page.map((r) => toScoreV3(projectId, r, query.fields)),
    meta: { limit: query.limit, ...(rows.length > query.limit && last ? { cursor: encodeCursor(last) } : {}) },
  };
}
