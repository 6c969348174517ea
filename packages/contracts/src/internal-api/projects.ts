import { z } from "zod";

/** Project roles. What each may do is decided in one place: the capability map of `@loupe/domain` (`can`, `hasRole`). */
export const ROLES = ["OWNER", "ADMIN", "MEMBER", "VIEWER", "ANNOTATOR"] as const;
export type Role = (typeof ROLES)[number];

export const ZProjectSummary = z.object({
  id: z.string(),
  name: z.string(),
  organization: z.object({ id: z.string(), name: z.string() }),
  role: z.enum(ROLES),
});
export type TProjectSummary = z.infer<typeof ZProjectSummary>;

export const ZSignUpBody = z.object({
  name: z.string().trim().max(100).optional(),
  email: z.email("Enter a valid email address").trim().toLowerCase(),
  password: z.string().min(8, "Use at least 8 characters").max(200),
});
export type TSignUpBody = z.infer<typeof ZSignUpBody>;

export const ZCreateOrganizationBody = z.object({
  organizationName: z.string().trim().min(1, "Name your organization").max(100),
  projectName: z.string().trim().min(1, "Name your project").max(100),
});
export type TCreateOrganizationBody = z.infer<typeof ZCreateOrganizationBody>;

export const ZApiKeySummary = z.object({
  id: z.string(),
  publicKey: z.string(),
  displaySecretKey: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type TApiKeySummary = z.infer<typeof ZApiKeySummary>;
export const ZApiKeySummaries = z.array(ZApiKeySummary);

const ZKeyNote = z.string().trim().max(200, "Keep the note under 200 characters");

/** A key of a project or an organization: an optional note and expiry (an instant in the future). */
export const ZCreateApiKeyBody = z.object({
  note: ZKeyNote.optional(),
  expiresAt: z.iso
    .datetime({ offset: true, error: "expiresAt must be an ISO 8601 instant, e.g. 2027-01-01T00:00:00Z" })
    .refine((at) => Date.parse(at) > Date.now(), "expiresAt must be in the future")
    .nullish(),
});
export type TCreateApiKeyBody = z.infer<typeof ZCreateApiKeyBody>;
export const ZCreatedApiKey = ZApiKeySummary.extend({ secretKey: z.string() });
export type TCreatedApiKey = z.infer<typeof ZCreatedApiKey>;

export const ZUpdateApiKeyBody = z.object({ note: ZKeyNote.nullable() });

/** Project and organization names in the UI: what Langfuse accepts (3–60 characters). */
const ZName = (what: string) =>
  z.string().trim().min(3, `Name the ${what} with at least 3 characters`).max(60, `Keep the ${what} name under 60 characters`);

export const ZCreateProjectBody = z.object({ name: ZName("project") });
export const ZRenameProjectBody = z.object({ name: ZName("project") });
export const ZDeleteProjectBody = z.object({ confirmName: z.string().max(200) });
export const ZRenameOrganizationBody = z.object({ name: ZName("organization") });

export const ZOrganizationSummary = z.object({ id: z.string(), name: z.string() });

/** Settings → Organization: its live projects and those being deleted, with progress. */
export const ZOrganizationProjects = z.object({
  projects: z.array(z.object({ id: z.string(), name: z.string(), createdAt: z.string() })),
  deleting: z.array(
    z.object({ id: z.string(), name: z.string(), deletedAt: z.string(), tracesTotal: z.number().int(), tracesDone: z.number().int() }),
  ),
});
export type TOrganizationProjects = z.infer<typeof ZOrganizationProjects>;

/** Settings → Organization → Move: the organization the project goes to (one where the caller is ADMIN or OWNER). */
export const ZMoveProjectBody = z.object({
  organizationId: z.string({ error: "organizationId is required: the organization to move the project to" }).min(1),
});
export const ZMovedProject = z.object({ id: z.string(), organizationId: z.string() });
