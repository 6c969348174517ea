import type { TCreateLabelRequestBody, TLabelRequest, TWebhookEventInput } from "@loupe/contracts";
import {
  decideLabelRequest as decideRequestRow,
  findLabelRequest,
  findPendingLabelRequest,
  findPromptVersion,
  findUserDisplayNames,
  getProtectedPromptLabels,
  inPromptTransaction,
  insertLabelRequest,
  type LabelRequestStatus,
  listLabelRequests,
  moveLabels,
  setProtectedPromptLabels,
} from "@loupe/db";
import { type AuditContext, recordAudit } from "../audit/audit.ts";
import { requireRole } from "../auth/roles.ts";
import { badRequest, conflict, DomainError } from "../errors.ts";
import type { PromptActor } from "./actor.ts";
import { actorName, enqueueWebhookDeliveries, recordWebhookEvents } from "../webhooks/webhook-events.ts";
import { invalidatePromptCache } from "./prompt-cache.ts";
import { labelMovedEvents } from "./write-prompts.ts";

// Releases with approval: a MEMBER asks for a protected label to move onto a version; an ADMIN+
// approves (the label moves in the same transaction that records the decision) or rejects. Requests
// are never deleted, so the prompt's history shows who asked, who decided, and when.

type UserActor = Extract<PromptActor, { kind: "user" }>;
type RequestRow = Awaited<ReturnType<typeof listLabelRequests>>[number];

async function toViews(rows: RequestRow[]): Promise<TLabelRequest[]> {
  const names = await findUserDisplayNames(rows.flatMap((r) => [r.requestedBy, ...(r.decidedBy ? [r.decidedBy] : [])]));
  return rows.map((r) => ({
    id: r.id,
    promptName: r.promptName,
    label: r.label,
    version: r.version,
    status: r.status,
    requestedBy: names.get(r.requestedBy) ?? null,
    requestedAt: r.requestedAt.toISOString(),
    decidedBy: r.decidedBy ? (names.get(r.decidedBy) ?? null) : null,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    comment: r.comment,
  }));
}

export async function listPromptLabelRequests(projectId: string, filter: { promptName?: string; status?: LabelRequestStatus }) {
  return toViews(await listLabelRequests(projectId, filter));
}

export async function requestLabelMove(
  projectId: string,
  actor: UserActor,
  name: string,
  body: TCreateLabelRequestBody,
): Promise<TLabelRequest> {
  requireRole(actor.role, "MEMBER");
  if (!(await getProtectedPromptLabels(projectId)).includes(body.label)) {
    throw badRequest(`'${body.label}' is not a protected label; move it directly`);
  }
  const row = await inPromptTransaction(projectId, async (tx) => {
    const version = await findPromptVersion(projectId, name, { version: body.version }, tx);
    if (!version) throw new DomainError(404, `Prompt not found: '${name}' with version ${body.version}`, "NotFound");
    if (version.labels.some((l) => l.label === body.label)) throw badRequest(`version ${body.version} already has '${body.label}'`);
    const pending = await findPendingLabelRequest(tx, projectId, name, body.label, body.version);
    return (
      pending ??
      insertLabelRequest(tx, projectId, {
        promptName: name,
        label: body.label,
        version: body.version,
        requestedBy: actor.userId,
        comment: body.comment || null,
      })
    );
  });
  const [view] = await toViews([row]);
  return view as TLabelRequest;
}

/** Approve (moves the label) or reject a pending request; ADMIN+ only. A request is decided once. */
export async function decideLabelMove(
  projectId: string,
  actor: UserActor,
  requestId: string,
  decision: "approve" | "reject",
  audit: AuditContext,
): Promise<TLabelRequest> {
  requireRole(actor.role, "ADMIN");
  const approver = await actorName(actor);
  const deliveries = await inPromptTransaction(projectId, async (tx) => {
    const request = await findLabelRequest(projectId, requestId, tx);
    if (!request) throw new DomainError(404, "Release request not found", "NotFound");
    if (request.status !== "PENDING") throw conflict(`This request was already ${request.status.toLowerCase()}`);
    let events: TWebhookEventInput[] = [];
    if (decision === "approve") {
      const version = await findPromptVersion(projectId, request.promptName, { version: request.version }, tx);
      if (!version) throw conflict(`Version ${request.version} of '${request.promptName}' was deleted; reject the request instead`);
      const moved = await moveLabels(tx, projectId, request.promptName, version.id, [request.label]);
      const requester = (await findUserDisplayNames([request.requestedBy])).get(request.requestedBy) ?? null;
      events = labelMovedEvents(request.promptName, request.version, moved, { movedBy: requester, approvedBy: approver });
    }
    if (!(await decideRequestRow(tx, projectId, requestId, decision === "approve" ? "APPROVED" : "REJECTED", actor.userId))) {
      throw conflict("This request was decided meanwhile");
    }
    await recordAudit(tx, audit, {
      action: decision === "approve" ? "prompt.labelRequestApproved" : "prompt.labelRequestRejected",
      projectId,
      resource: { type: "promptLabelRequest", id: requestId },
      before: { status: "PENDING" },
      after: {
        promptName: request.promptName,
        label: request.label,
        version: request.version,
        status: decision === "approve" ? "APPROVED" : "REJECTED",
      },
    });
    return recordWebhookEvents(tx, projectId, events);
  });
  if (decision === "approve") await invalidatePromptCache(projectId);
  await enqueueWebhookDeliveries(projectId, deliveries);
  const row = await findLabelRequest(projectId, requestId);
  const [view] = await toViews(row ? [row] : []);
  return view as TLabelRequest;
}

export async function updateProtectedLabels(
  projectId: string,
  actor: UserActor,
  labels: string[],
  audit: AuditContext,
): Promise<{ protectedLabels: string[] }> {
  requireRole(actor.role, "ADMIN");
  const unique = [...new Set(labels)];
  const before = await getProtectedPromptLabels(projectId);
  await setProtectedPromptLabels(projectId, unique);
  await recordAudit(undefined, audit, {
    action: "prompt.protectedLabelsUpdated",
    projectId,
    resource: { type: "project", id: projectId },
    before: { protectedLabels: before },
    after: { protectedLabels: unique },
  });
  return { protectedLabels: unique };
}

export const getProtectedLabels = (projectId: string) => getProtectedPromptLabels(projectId);
