import { LATEST_LABEL, type TCreatePromptBody, type TDeletePromptQuery, type TPrompt, type TWebhookEventInput } from "@loupe/contracts";
import {
  deletePromptVersions,
  findPromptVersion,
  findReferencesTo,
  getProtectedPromptLabels,
  inPromptTransaction,
  insertPromptVersion,
  latestPromptVersion,
  listPromptVersions,
  moveLabels,
  type Tx,
} from "@loupe/db";
import { contentProblems, parsePromptReferences, PromptReferenceError } from "@loupe/domain";
import { type AuditContext, recordAudit } from "../audit/audit.ts";
import { badRequest, DomainError } from "../errors.ts";
import { assertMayMoveLabels, authorOf, type PromptActor } from "./actor.ts";
import { invalidatePromptCache } from "./prompt-cache.ts";
import { toPublicPrompt } from "./prompt-dto.ts";
import { resolveVersion } from "./resolve-prompt.ts";
import { actorName, enqueueWebhookDeliveries, recordWebhookEvents } from "../webhooks/webhook-events.ts";

/** Webhook events of label moves (not `latest`, which follows every new version by itself). */
export function labelMovedEvents(
  name: string,
  version: number,
  moved: { label: string; previousVersion: number | null }[],
  by: { movedBy: string | null; approvedBy?: string | null },
): TWebhookEventInput[] {
  return moved
    .filter((m) => m.label !== LATEST_LABEL)
    .map((m) => ({
      type: "prompt.label.moved",
      data: { name, version, label: m.label, previousVersion: m.previousVersion, movedBy: by.movedBy, approvedBy: by.approvedBy ?? null },
    }));
}

/** A direct label move (not through an approved request) in the audit log, in the move's transaction; `latest` is not a move anyone makes. */
async function auditLabelMoves(
  tx: Tx,
  audit: AuditContext,
  projectId: string,
  name: string,
  version: number,
  moved: { label: string; previousVersion: number | null }[],
) {
  const labels = moved.filter((m) => m.label !== LATEST_LABEL);
  if (labels.length === 0) return;
  await recordAudit(tx, audit, {
    action: "prompt.labelsMoved",
    projectId,
    resource: { type: "prompt", id: name },
    before: Object.fromEntries(labels.map((m) => [m.label, m.previousVersion])),
    after: Object.fromEntries(labels.map((m) => [m.label, version])),
  });
}

const promptNotFound = (name: string, what: string) => new DomainError(404, `Prompt not found: '${name}' ${what}`, "NotFound");

async function readBack(tx: Tx, projectId: string, name: string, version: number) {
  const row = await findPromptVersion(projectId, name, { version }, tx);
  if (!row) throw new Error(`prompt '${name}' version ${version} vanished inside its own transaction`);
  return row;
}

function references(body: TCreatePromptBody) {
  try {
    return parsePromptReferences(body.prompt);
  } catch (error) {
    if (error instanceof PromptReferenceError) throw badRequest(error.message);
    throw error;
  }
}

/**
 * POST /api/public/v2/prompts and the UI's "new version": the next version number of the name, its
 * labels plus `latest`, and the name's tags (the previous version's when none are given), in one
 * transaction. References must resolve (nothing missing, no path back to this name) or nothing is
 * written. Label moves need no second check: a version that can reach its own name was refused at save,
 * and every version of a name has the same type, so a moved label cannot break an including prompt.
 */
export async function createPromptVersion(
  projectId: string,
  actor: PromptActor,
  body: TCreatePromptBody,
  audit: AuditContext,
): Promise<TPrompt> {
  const problems = contentProblems(body.prompt);
  if (problems.length > 0) throw badRequest(problems.join("; "));
  const refs = references(body);
  const labels = [...new Set(body.labels.filter((l) => l !== LATEST_LABEL))];
  assertMayMoveLabels(actor, labels, await getProtectedPromptLabels(projectId));
  const who = await actorName(actor);

  const { saved, deliveries } = await inPromptTransaction(projectId, async (tx) => {
    const latest = await latestPromptVersion(tx, projectId, body.name);
    if (latest && latest.type !== body.type) {
      throw badRequest(
        `'${body.name}' is a ${latest.type} prompt; a new version must be ${latest.type} too (create a prompt with another name instead)`,
      );
    }
    const next = (latest?.version ?? 0) + 1;
    await resolveVersion(projectId, { id: "", name: body.name, version: next, type: body.type, prompt: body.prompt }, tx);
    const id = await insertPromptVersion(tx, projectId, {
      name: body.name,
      version: next,
      type: body.type,
      prompt: body.prompt,
      config: body.config,
      tags: body.tags ? [...new Set(body.tags)] : (latest?.tags ?? []),
      commitMessage: body.commitMessage ?? null,
      createdBy: authorOf(actor),
      references: refs.map(({ tag: _tag, ...r }) => r),
    });
    const moved = await moveLabels(tx, projectId, body.name, id, [...labels, LATEST_LABEL]);
    const saved = await readBack(tx, projectId, body.name, next);
    const created: TWebhookEventInput = {
      type: "prompt.version.created",
      data: {
        name: saved.name,
        version: saved.version,
        type: saved.type as "text" | "chat",
        labels: saved.labels.map((l) => l.label),
        tags: saved.tags,
        commitMessage: saved.commitMessage,
        createdBy: who,
      },
    };
    const events = [created, ...labelMovedEvents(body.name, next, moved, { movedBy: who })];
    const deliveries = await recordWebhookEvents(tx, projectId, events);
    // Last in the transaction: the audit append takes the instance-wide chain lock until the commit.
    await auditLabelMoves(tx, audit, projectId, body.name, next, moved);
    return { saved, deliveries };
  });
  await invalidatePromptCache(projectId);
  await enqueueWebhookDeliveries(projectId, deliveries);
  return toPublicPrompt(saved);
}

/**
 * PATCH /api/public/v2/prompts/{name}/versions/{version}: adds labels to a version (taking them off
 * the others). `latest` is managed by Loupe.
 */
export async function updatePromptLabels(
  projectId: string,
  actor: PromptActor,
  name: string,
  version: number,
  newLabels: string[],
  audit: AuditContext,
): Promise<TPrompt> {
  if (newLabels.includes(LATEST_LABEL)) throw badRequest("Label 'latest' is always assigned to the latest prompt version");
  const labels = [...new Set(newLabels)];
  assertMayMoveLabels(actor, labels, await getProtectedPromptLabels(projectId));
  const who = await actorName(actor);
  const { saved, deliveries } = await inPromptTransaction(projectId, async (tx) => {
    const row = await findPromptVersion(projectId, name, { version }, tx);
    if (!row) throw promptNotFound(name, `with version ${version}`);
    const moved = await moveLabels(tx, projectId, name, row.id, labels);
    const saved = await readBack(tx, projectId, name, version);
    const deliveries = await recordWebhookEvents(tx, projectId, labelMovedEvents(name, version, moved, { movedBy: who }));
    await auditLabelMoves(tx, audit, projectId, name, version, moved);
    return { saved, deliveries };
  });
  await invalidatePromptCache(projectId);
  await enqueueWebhookDeliveries(projectId, deliveries);
  return toPublicPrompt(saved);
}

/**
 * DELETE /api/public/v2/prompts/{name}: every version, or the one `?version=`, or the one carrying
 * `?label=`. Refused while another prompt includes a version being deleted; `latest` moves to the
 * newest version left.
 */
export async function deletePrompt(
  projectId: string,
  actor: PromptActor,
  name: string,
  query: TDeletePromptQuery,
  audit: AuditContext,
): Promise<Response> {
  const who = await actorName(actor);
  const deliveries = await inPromptTransaction(projectId, async (tx) => {
    const all = await listPromptVersions(projectId, name, tx);
    const doomed = all.filter((v) =>
      query.version !== undefined
        ? v.version === query.version
        : query.label !== undefined
          ? v.labels.some((l) => l.label === query.label)
          : true,
    );
    if (doomed.length === 0) {
      throw promptNotFound(
        name,
        query.version !== undefined ? `with version ${query.version}` : query.label !== undefined ? `with label '${query.label}'` : "",
      );
    }
    assertMayMoveLabels(
      actor,
      doomed.flatMap((v) => v.labels.map((l) => l.label)),
      await getProtectedPromptLabels(projectId, tx),
    );
    const doomedVersions = new Set(doomed.map((v) => v.version));
    const doomedLabels = new Set(doomed.flatMap((v) => v.labels.map((l) => l.label)));
    const blocking = (await findReferencesTo(tx, projectId, name)).find((r) =>
      r.childVersion !== null ? doomedVersions.has(r.childVersion) : r.childLabel !== null && doomedLabels.has(r.childLabel),
    );
    if (blocking) {
      throw badRequest(
        `'${blocking.parent.name}' version ${blocking.parent.version} includes '${name}'; remove that reference before deleting`,
      );
    }
    await deletePromptVersions(
      tx,
      projectId,
      doomed.map((v) => v.id),
    );
    const remaining = all.filter((v) => !doomedVersions.has(v.version));
    if (remaining[0] && doomedLabels.has(LATEST_LABEL)) await moveLabels(tx, projectId, name, remaining[0].id, [LATEST_LABEL]);
    const deliveries = await recordWebhookEvents(tx, projectId, [
      { type: "prompt.deleted", data: { name, versions: [...doomedVersions].sort((a, b) => a - b), deletedBy: who } },
    ]);
    await recordAudit(tx, audit, {
      action: "prompt.deleted",
      projectId,
      resource: { type: "prompt", id: name },
      before: { versions: doomed.map((v) => ({ version: v.version, labels: v.labels.map((l) => l.label) })) },
    });
    return deliveries;
  });
  await invalidatePromptCache(projectId);
  await enqueueWebhookDeliveries(projectId, deliveries);
  return new Response(null, { status: 204 });
}
