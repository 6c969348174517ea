import { z } from "zod";
import { ZPageQuery } from "../common/pagination.ts";

/** Every action the audit log records; a new audited change adds its name here first. */
export const AUDIT_ACTIONS = [
  "auth.signIn",
  "auth.signInFailed",
  "apiKey.created",
  "apiKey.revoked",
  /** A project key's note changed. */
  "apiKey.updated",
  "organizationApiKey.created",
  "organizationApiKey.revoked",
  "project.created",
  /** A project's name, metadata or retention changed (settings page or the admin API). */
  "project.updated",
  /** A project marked deleted; the worker removes its data in batches. */
  "project.deleted",
  /** A project moved to another organization (recorded in both organizations' logs). */
  "project.moved",
  "organization.created",
  "organization.renamed",
  "masking.updated",
  "llmConnection.created",
  "llmConnection.updated",
  "llmConnection.deleted",
  "prompt.labelRequestApproved",
  "prompt.labelRequestRejected",
  "prompt.protectedLabelsUpdated",
  /** A label moved straight onto a version (a new version with labels, or a label edit), not through a request. */
  "prompt.labelsMoved",
  "prompt.deleted",
  "dashboard.deleted",
  "evaluationRule.deleted",
  "evaluator.deleted",
  "webhook.deleted",
  "datasetItem.deleted",
  "datasetRun.deleted",
  /** An organization or project role set, changed or taken away (SSO group rules at sign-in, members pages). */
  "member.roleChanged",
  "member.removed",
  /** An existing user made a member directly (the admin API's PUT /organizations/memberships), not by invitation. */
  "member.added",
  /** A per-project role (an override of the organization role) set or taken away on a project's members page. */
  "projectMember.roleChanged",
  "projectMember.removed",
  /** Invitations to an organization: made (the token is never recorded), revoked, accepted (by sign-in, sign-up or SSO). */
  "invitation.created",
  "invitation.revoked",
  "invitation.accepted",
  /** An admin's one-time password reset link for a member (the link itself is never recorded). */
  "user.passwordResetLinkCreated",
  "audit.exported",
  /** Model prices of the project (settings page or /api/public/models). */
  "model.created",
  "model.updated",
  "model.deleted",
  /** Traces deleted from the traces table (a selection; the worker removes them). */
  "traces.deleted",
  /** A traces, observations, sessions or users list downloaded as CSV/JSONL (session or API key). */
  "traces.exported",
  "observations.exported",
  "sessions.exported",
  "users.exported",
  /**
   * SCIM (an IdP with the organization key): a person added to the organization, removed by `active: false`
   * (SCIM may add them back), deleted (DELETE: SCIM forgets them), renamed.
   */
  "scim.userProvisioned",
  "scim.userDeprovisioned",
  "scim.userDeleted",
  "scim.userUpdated",
] as const;
export type TAuditAction = (typeof AUDIT_ACTIONS)[number];
export const ZAuditAction = z.enum(AUDIT_ACTIONS);

const isoDate = z.iso.datetime({ offset: true });

export const ZAuditListQuery = ZPageQuery.extend({
  action: z.preprocess((v) => (v === "" ? undefined : v), ZAuditAction.optional()),
  actor: z.preprocess((v) => (v === "" ? undefined : v), z.string().trim().max(200).optional()),
  resourceType: z.preprocess((v) => (v === "" ? undefined : v), z.string().trim().max(60).optional()),
  resourceId: z.preprocess((v) => (v === "" ? undefined : v), z.string().trim().max(200).optional()),
  from: z.preprocess((v) => (v === "" ? undefined : v), isoDate.optional()),
  to: z.preprocess((v) => (v === "" ? undefined : v), isoDate.optional()),
});
export type TAuditListQuery = z.infer<typeof ZAuditListQuery>;

export const ZAuditExportQuery = ZAuditListQuery.omit({ page: true, limit: true }).extend({
  format: z.enum(["csv", "jsonl"]).default("jsonl"),
});
export type TAuditExportQuery = z.infer<typeof ZAuditExportQuery>;

export const ZAuditEntry = z.object({
  id: z.string(),
  createdAt: z.string(),
  organizationId: z.string().nullable(),
  projectId: z.string().nullable(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  actorEmail: z.string().nullable(),
  action: z.string(),
  resourceType: z.string(),
  resourceId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
});
export type TAuditEntry = z.infer<typeof ZAuditEntry>;

export const ZAuditVerifyResult = z.object({
  ok: z.boolean(),
  rowsChecked: z.number().int(),
  /** The oldest row kept: its prevHash anchors the chain (older rows may have gone by retention). */
  anchor: z.object({ rowId: z.string(), createdAt: z.string(), genesis: z.boolean() }).nullable(),
  broken: z.object({ rowId: z.string(), createdAt: z.string(), kind: z.enum(["content", "link"]), message: z.string() }).nullable(),
});
export type TAuditVerifyResult = z.infer<typeof ZAuditVerifyResult>;
