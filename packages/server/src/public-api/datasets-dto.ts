import type { TPublicDataset, TPublicDatasetItem, TPublicDatasetRun, TPublicDatasetRunItem } from "@loupe/contracts";
import type { DatasetItemRow, DatasetRunItemRow } from "@loupe/db";

// Stored dataset rows → the public DTOs, field by field (nothing internal leaks, e.g. item versions stay out of items).

export function toPublicDataset(d: {
  id: string;
  projectId: string;
  name: string;
  description: string | null;
  metadata: unknown;
  inputSchema: unknown;
  expectedOutputSchema: unknown;
  createdAt: Date;
  updatedAt: Date;
}): TPublicDataset {
  return {
    id: d.id,
    name: d.name,
    description: d.description,
    metadata: d.metadata ?? null,
    inputSchema: d.inputSchema ?? null,
    expectedOutputSchema: d.expectedOutputSchema ?? null,
    projectId: d.projectId,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

export function toPublicDatasetItem(i: DatasetItemRow): TPublicDatasetItem {
  return {
    id: i.id,
    status: i.status,
    input: i.input ?? null,
    expectedOutput: i.expectedOutput ?? null,
    metadata: i.metadata ?? null,
    sourceTraceId: i.sourceTraceId,
    sourceObservationId: i.sourceObservationId,
    datasetId: i.datasetId,
    datasetName: i.datasetName,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
    mediaReferences: [],
  };
}

export function toPublicDatasetRun(
  r: { id: string; name: string; description: string | null; metadata: unknown; datasetId: string; createdAt: Date; updatedAt: Date },
  datasetName: string,
): TPublicDatasetRun {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    metadata: r.metadata ?? null,
    datasetId: r.datasetId,
    datasetName,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function toPublicDatasetRunItem(r: DatasetRunItemRow): TPublicDatasetRunItem {
  return {
    id: r.id,
    datasetRunId: r.datasetRunId,
    datasetRunName: r.datasetRunName,
    datasetItemId: r.datasetItemId,
    datasetItemVersion: r.datasetItemVersion,
    traceId: r.traceId,
    observationId: r.observationId,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
