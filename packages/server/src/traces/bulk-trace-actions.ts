import {
  BULK_TRACE_LIMITS,
  type BulkTraceAction,
  type Role,
  type TBulkDatasetTracesBody,
  type TBulkDatasetTracesResponse,
  type TBulkTagTracesBody,
  type TTraceSelection,
} from "@loupe/contracts";
import {
  addTagsToTraces,
  existingTraceIds,
  findDatasetById,
  getTracePayloads,
  insertDatasetItems,
  markTracesForDeletion,
  type NewDatasetItem,
  traceIdsMatching,
} from "@loupe/db";
import { itemSchemaIssues, sanitizeJson } from "@loupe/domain";
import { enqueue } from "@loupe/jobs";
import { type AuditContext, recordAudit } from "../audit/audit.ts";
import { requireCapability } from "../auth/roles.ts";
import { notFound } from "../errors.ts";

// The traces table's bulk actions. The role is checked here as well as in the route; every id is
// resolved inside the caller's project, so another project's ids are silently not matched.

type Actor = { userId: string; projectId: string; role: Role };

/** The traces a selection names, in the project, at most the action's bound (a filter: its first ones in its order). */
async function resolveSelection(projectId: string, selection: TTraceSelection, action: BulkTraceAction): Promise<string[]> {
  if (selection.kind === "ids") return existingTraceIds(projectId, [...new Set(selection.ids)]);
  const { page: _page, limit: _limit, ...filter } = selection.filter;
  return traceIdsMatching({ ...filter, projectId }, BULK_TRACE_LIMITS[action]);
}

/** Adds tags to the selected traces (MEMBER and up). */
export async function tagTraces(actor: Actor, body: TBulkTagTracesBody): Promise<{ updated: number }> {
  requireCapability(actor.role, "project:write");
  const ids = await resolveSelection(actor.projectId, body.selection, "tags");
  return { updated: await addTagsToTraces(actor.projectId, ids, [...new Set(body.tags)]) };
}

/**
 * One dataset item per selected trace: its input, its output as the expected output, linked to the
 * trace. Traces without an input and those failing the dataset's schemas are counted, not added; the
 * rest are inserted in one transaction.
 */
export async function addTracesToDataset(actor: Actor, body: TBulkDatasetTracesBody): Promise<TBulkDatasetTracesResponse> {
  requireCapability(actor.role, "project:write");
  const dataset = await findDatasetById(actor.projectId, body.datasetId);
  if (!dataset) throw notFound("Dataset");
  const ids = await resolveSelection(actor.projectId, body.selection, "dataset");
  const payloads = new Map((await getTracePayloads(actor.projectId, ids)).map((p) => [p.id, p]));
  const items: NewDatasetItem[] = [];
  let withoutInput = 0;
  let invalid = 0;
  let firstError: string | null = null;
  for (const id of ids) {
    const trace = payloads.get(id);
    if (!trace || trace.input === null || trace.input === "") {
      withoutInput++;
      continue;
    }
    const item = { input: sanitizeJson(trace.input), expectedOutput: sanitizeJson(trace.output), metadata: null, sourceTraceId: id };
    const issues = itemSchemaIssues(dataset, item);
    if (issues.length > 0) {
      invalid++;
      firstError ??= `trace ${id}: ${issues.map((i) => i.message).join("; ")}`;
      continue;
    }
    items.push(item);
  }
  const added = items.length > 0 ? await insertDatasetItems(actor.projectId, dataset.id, items) : 0;
  return { added, withoutInput, invalid, firstError };
}

/**
 * Marks the selected traces for deletion (every read skips them from now on) and hands the removal
 * to the worker, which deletes them in batches (`deleteMarkedTraces`). ADMIN and up (`traces:delete`).
 */
export async function deleteTraces(actor: Actor, selection: TTraceSelection, audit: AuditContext): Promise<{ deleting: number }> {
  requireCapability(actor.role, "traces:delete");
  const ids = await resolveSelection(actor.projectId, selection, "delete");
  const deleting = await markTracesForDeletion(actor.projectId, ids);
  if (deleting > 0) {
    // The selection as asked (ids or the table's filter) and how many it hid: up to 10,000 ids are not logged one by one.
    await recordAudit(undefined, audit, {
      action: "traces.deleted",
      projectId: actor.projectId,
      resource: { type: "trace", id: ids.length === 1 ? ids[0] : null },
      before: { selection, count: deleting },
    });
    await enqueue("traces.delete", { projectId: actor.projectId });
  }
  return { deleting };
}
