import type { TOrganizationProjects } from "@loupe/contracts";
import {
  addDeletedTraces,
  deleteMediaRows,
  deleteProjectRow,
  deleteProjectRowsBatch,
  deleteTracesCascade,
  findOrganization,
  findOrganizationProject,
  findOrganizationRole,
  findProjectBeingDeleted,
  findProjectInOrganization,
  getProjectWithOrganization,
  insertProject,
  listOrganizationProjects,
  listProjectMediaIds,
  listProjectsBeingDeleted,
  lockOrganization,
  markProjectDeleted,
  moveProjectRow,
  prisma,
  projectsDeletedBefore,
  projectTraceIds,
  runExclusively,
  updateProjectFields,
} from "@loupe/db";
import { enqueue, enqueueUnlessLive, readJobsEnv } from "@loupe/jobs";
import { type AuditContext, recordAudit } from "../audit/audit.ts";
import { announceApiKeyRevoked } from "../auth/api-keys.ts";
import { organizationCan } from "@loupe/domain";
import { badRequest, conflict, forbidden, notFound } from "../errors.ts";
import { mediaStore } from "../media/store.ts";

type ProjectFields = { name: string; metadata?: Record<string, unknown> | null; retentionDays?: number | null };

const NAME_TAKEN = "A project with this name already exists in your organization";

async function refuseTakenName(organizationId: string, name: string, except?: string): Promise<void> {
  const existing = await findProjectInOrganization(organizationId, name);
  if (existing && existing.id !== except) throw conflict(NAME_TAKEN);
}

/** A new project of the organization (Settings → Organization, POST /api/public/projects). */
export async function createOrganizationProject(organizationId: string, fields: ProjectFields, audit: AuditContext) {
  await refuseTakenName(organizationId, fields.name);
  return prisma.$transaction(async (tx) => {
    const project = await insertProject({ organizationId, ...fields }, tx);
    await recordAudit(tx, audit, {
      action: "project.created",
      organizationId,
      projectId: project.id,
      resource: { type: "project", id: project.id },
      after: { name: project.name, metadata: project.metadata, retentionDays: project.retentionDays },
    });
    return project;
  });
}

/** Name, metadata and retention of a project of the organization; fields left undefined are kept. */
export async function updateOrganizationProject(
  organizationId: string,
  projectId: string,
  fields: Partial<ProjectFields>,
  audit: AuditContext,
) {
  const before = await findOrganizationProject(organizationId, projectId);
  if (!before) throw notFound("Project");
  if (fields.name !== undefined) await refuseTakenName(organizationId, fields.name, projectId);
  return prisma.$transaction(async (tx) => {
    const after = await updateProjectFields(projectId, fields, tx);
    await recordAudit(tx, audit, {
      action: "project.updated",
      organizationId,
      projectId,
      resource: { type: "project", id: projectId },
      before: { name: before.name, metadata: before.metadata, retentionDays: before.retentionDays },
      after: { name: after.name, metadata: after.metadata, retentionDays: after.retentionDays },
    });
    return after;
  });
}

/** Rename from the project's settings (ADMIN+ of the project, checked by the route). */
export async function renameProject(projectId: string, name: string, audit: AuditContext) {
  const project = await getProjectWithOrganization(projectId);
  if (!project) throw notFound("Project");
  const after = await updateOrganizationProject(project.organization.id, projectId, { name }, audit);
  return { id: after.id, name: after.name };
}

/**
 * Marks the project deleted (reads, keys and sign-ins to it stop at once) and hands its data to the
 * `projects.delete` job. Idempotent per project: the job id is the project's.
 */
export async function requestProjectDeletion(organizationId: string, projectId: string, audit: AuditContext): Promise<void> {
  const before = await findOrganizationProject(organizationId, projectId);
  if (!before) throw notFound("Project");
  await prisma.$transaction(async (tx) => {
    if (!(await markProjectDeleted(organizationId, projectId, tx))) throw notFound("Project");
    await recordAudit(tx, audit, {
      action: "project.deleted",
      organizationId,
      projectId,
      resource: { type: "project", id: projectId },
      before: { name: before.name },
    });
  });
  await announceApiKeyRevoked();
  await enqueue("projects.delete", { projectId }, { jobId: deletionJobId(projectId) });
}

/**
 * Moves a project to another organization of the caller (ADMIN or OWNER in both; the source is checked by the
 * route). Its data, keys and settings go with it; its per-project roles do not (they are memberships of the
 * old organization). Both organizations' logs record the move.
 */
export async function moveProjectToOrganization(
  fromOrganizationId: string,
  projectId: string,
  toOrganizationId: string,
  actor: { userId: string; audit: AuditContext },
): Promise<{ id: string; organizationId: string }> {
  const project = await findOrganizationProject(fromOrganizationId, projectId);
  if (!project) throw notFound("Project");
  if (toOrganizationId === fromOrganizationId) throw badRequest("The project is already in this organization: choose another one");
  const targetRole = await findOrganizationRole(actor.userId, toOrganizationId);
  const target = targetRole ? await findOrganization(toOrganizationId) : null;
  if (!targetRole || !target) throw notFound("Organization");
  if (targetRole === "NONE" || !organizationCan(targetRole, "organization:manage"))
    throw forbidden(`Moving a project into ${target.name} needs the ADMIN or OWNER role there; yours is ${targetRole}.`);
  if (await findProjectInOrganization(toOrganizationId, project.name))
    throw conflict(`${target.name} already has a project named ${project.name}: rename one of them first`);
  await prisma.$transaction(async (tx) => {
    // Both organizations' rows are locked in one order, so two moves in opposite directions cannot deadlock.
    for (const id of [fromOrganizationId, toOrganizationId].sort()) await lockOrganization(tx, id);
    if (!(await moveProjectRow(tx, projectId, fromOrganizationId, toOrganizationId))) throw notFound("Project");
    const entry = {
      action: "project.moved" as const,
      projectId,
      resource: { type: "project", id: projectId },
      before: { organizationId: fromOrganizationId, organizationName: project.organization.name },
      after: { organizationId: toOrganizationId, organizationName: target.name },
    };
    await recordAudit(tx, actor.audit, { ...entry, organizationId: toOrganizationId });
    // The project's rows now belong to the new organization's log; this one stays in the old one's.
    await recordAudit(tx, actor.audit, { ...entry, organizationId: fromOrganizationId, projectId: null });
  });
  return { id: projectId, organizationId: toOrganizationId };
}

const deletionJobId = (projectId: string) => `projects-delete-${projectId}`;

/** Delete from the project's settings: the caller types the project's name to confirm. */
export async function deleteProjectConfirmed(projectId: string, confirmName: string, audit: AuditContext): Promise<void> {
  const project = await getProjectWithOrganization(projectId);
  if (!project) throw notFound("Project");
  if (confirmName.trim() !== project.name) throw badRequest(`Type the project's name, ${project.name}, to confirm the deletion`);
  await requestProjectDeletion(project.organization.id, projectId, audit);
}

/** Settings → Organization: live projects, and those being deleted with how far the worker is. */
export async function listProjectsForSettings(organizationId: string): Promise<TOrganizationProjects> {
  const [live, deleting] = await Promise.all([listOrganizationProjects(organizationId), listProjectsBeingDeleted(organizationId)]);
  return {
    projects: live.map((p) => ({ id: p.id, name: p.name, createdAt: p.createdAt.toISOString() })),
    deleting: deleting.map((p) => ({
      id: p.id,
      name: p.name,
      deletedAt: (p.deletedAt as Date).toISOString(),
      tracesTotal: p.deletionTracesTotal ?? 0,
      tracesDone: Math.min(p.deletionTracesDone, p.deletionTracesTotal ?? p.deletionTracesDone),
    })),
  };
}

/** Traces per transaction (each holds the traces' entity locks), and rows per table per statement afterwards. */
const TRACE_BATCH = 500;
const ROW_BATCH = 5_000;

/**
 * The `projects.delete` job. Only a project marked deleted is touched (a live one is left alone whatever
 * the payload), its traces go first in batches counted on the row (the progress bar), then every other
 * table's rows, then the project row. Safe to run twice: each pass only finds less to do.
 */
export async function deleteProjectData(
  projectId: string,
  batches: { traces: number; rows: number } = { traces: TRACE_BATCH, rows: ROW_BATCH },
): Promise<{ deletedTraces: number; deletedRows: number; removed: boolean }> {
  if (!(await findProjectBeingDeleted(projectId))) return { deletedTraces: 0, deletedRows: 0, removed: false };
  let deletedTraces = 0;
  for (;;) {
    const ids = await projectTraceIds(projectId, batches.traces);
    if (ids.length === 0) break;
    const n = await deleteTracesCascade(projectId, ids);
    deletedTraces += n;
    await addDeletedTraces(projectId, n);
  }
  let deletedRows = 0;
  // Media objects first, a page at a time, each page's rows right after its objects: a failed delete leaves
  // the rows (and the project marked), so the retried job deletes the same objects again.
  const store = await mediaStore();
  for (;;) {
    const ids = await listProjectMediaIds(projectId, batches.traces);
    if (ids.length === 0) break;
    await store.deleteObjects(projectId, ids);
    deletedRows += await deleteMediaRows(projectId, ids);
  }
  for (;;) {
    const n = await deleteProjectRowsBatch(projectId, batches.rows);
    if (n === 0) break;
    deletedRows += n;
  }
  const removed = await deleteProjectRow(projectId);
  return { deletedTraces, deletedRows, removed };
}

/** Projects marked deleted this long ago and still there lost their job (Redis down or restarted empty). */
const STALE_DELETION_MS = 10 * 60_000;

export async function sweepDeletedProjects(olderThanMs = STALE_DELETION_MS): Promise<number> {
  const projects = await projectsDeletedBefore(new Date(Date.now() - olderThanMs), 50);
  const added = await Promise.all(
    projects.map((projectId) => enqueueUnlessLive("projects.delete", { projectId }, deletionJobId(projectId))),
  );
  return added.filter(Boolean).length;
}

export async function runDeletedProjectsSweep(): Promise<{ ran: true; result: number } | { ran: false }> {
  return runExclusively(`loupe:project-delete-sweep:${readJobsEnv().LOUPE_QUEUE_PREFIX}`, () => sweepDeletedProjects());
}
