import { z } from "zod";
import { ZOrganizationRole, ZProjectRole } from "../internal-api/members.ts";
import { ZPublicProject } from "./projects.ts";

// Langfuse's admin endpoints (organization API keys): /api/public/organizations/{projects,apiKeys},
// POST /api/public/projects, PUT/DELETE /api/public/projects/{id}, /api/public/projects/{id}/apiKeys….
// Shapes from Langfuse's openapi.yml.

/** Langfuse's project name rule (3–60 characters), trimmed. */
export const ZProjectName = z
  .string({ error: "name is required: a project name of 3 to 60 characters" })
  .trim()
  .min(3, "Invalid project name. Should be between 3 and 60 characters.")
  .max(60, "Invalid project name. Should be between 3 and 60 characters.");

const ZRetention = z
  .number({ error: "retention must be a number of days" })
  .int("retention must be a whole number of days")
  .refine((days) => days === 0 || (days >= 3 && days <= 36_500), "Invalid retention value. Must be 0 or at least 3 days.");

const ZMetadata = z.record(z.string(), z.unknown(), { error: "Invalid metadata. Should be a valid JSON object." });

export const ZAdminCreateProjectBody = z.object({
  name: ZProjectName,
  metadata: ZMetadata.nullish(),
  /** Days to keep data; 0 keeps it forever (Langfuse requires the field; so do we, as its SDKs always send it). */
  retention: ZRetention,
});
export type TAdminCreateProjectBody = z.infer<typeof ZAdminCreateProjectBody>;

export const ZAdminUpdateProjectBody = z.object({
  name: ZProjectName,
  metadata: ZMetadata.nullish(),
  /** Omitted: the setting is kept; null or 0: data is kept forever. */
  retention: ZRetention.nullish(),
});
export type TAdminUpdateProjectBody = z.infer<typeof ZAdminUpdateProjectBody>;

/** POST/PUT answer: Langfuse's `Project`. */
export const ZAdminProject = ZPublicProject;

export const ZProjectDeletionResponse = z.object({ success: z.boolean(), message: z.string() });
export type TProjectDeletionResponse = z.infer<typeof ZProjectDeletionResponse>;

export const ZOrganizationProject = z.object({
  id: z.string(),
  name: z.string(),
  metadata: z.record(z.string(), z.unknown()).nullable().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const ZOrganizationProjectsResponse = z.object({ projects: z.array(ZOrganizationProject) });
export type TOrganizationProjectsResponse = z.infer<typeof ZOrganizationProjectsResponse>;

/** Langfuse's `ApiKeySummary` and `OrganizationApiKey` (the same fields). */
export const ZPublicApiKeySummary = z.object({
  id: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable().optional(),
  lastUsedAt: z.string().nullable().optional(),
  note: z.string().nullable().optional(),
  publicKey: z.string(),
  displaySecretKey: z.string(),
});
export type TPublicApiKeySummary = z.infer<typeof ZPublicApiKeySummary>;

export const ZOrganizationApiKeysResponse = z.object({ apiKeys: z.array(ZPublicApiKeySummary) });
export type TOrganizationApiKeysResponse = z.infer<typeof ZOrganizationApiKeysResponse>;

export const ZApiKeyList = z.object({ apiKeys: z.array(ZPublicApiKeySummary) });
export type TApiKeyList = z.infer<typeof ZApiKeyList>;

export const ZAdminCreateApiKeyBody = z
  .object({
    note: z.string().trim().max(200, "note must be at most 200 characters").nullish(),
    publicKey: z.string().startsWith("pk-lf-", "publicKey must start with 'pk-lf-'").max(200).nullish(),
    secretKey: z.string().startsWith("sk-lf-", "secretKey must start with 'sk-lf-'").min(16).max(200).nullish(),
  })
  .refine((b) => !b.publicKey === !b.secretKey, {
    message: "Both publicKey and secretKey must be provided together when specifying predefined keys",
    path: ["secretKey"],
  });
export type TAdminCreateApiKeyBody = z.infer<typeof ZAdminCreateApiKeyBody>;

/** Langfuse's `ApiKeyResponse`: the secret, once. */
export const ZApiKeyResponse = z.object({
  id: z.string(),
  createdAt: z.string(),
  publicKey: z.string(),
  secretKey: z.string(),
  displaySecretKey: z.string(),
  note: z.string().nullable().optional(),
});
export type TApiKeyResponse = z.infer<typeof ZApiKeyResponse>;

export const ZApiKeyDeletionResponse = z.object({ success: z.boolean() });

// Memberships: /api/public/organizations/memberships and /api/public/projects/{id}/memberships.

/** Langfuse's `MembershipRequest`; Loupe's roles (ANNOTATOR, and NONE for an organization) are accepted too. */
export const ZMembershipRequest = z.object({
  userId: z.string({ error: "userId is required: the id of a Loupe user" }).min(1, "userId must not be empty"),
  role: ZOrganizationRole,
});
export type TMembershipRequest = z.infer<typeof ZMembershipRequest>;
export const ZProjectMembershipRequest = ZMembershipRequest.extend({ role: ZProjectRole });
export type TProjectMembershipRequest = z.infer<typeof ZProjectMembershipRequest>;

export const ZDeleteMembershipRequest = z.object({
  userId: z.string({ error: "userId is required: the id of a Loupe user" }).min(1, "userId must not be empty"),
});

/** Langfuse's `MembershipResponse` (`name` is a string there: a user without a name gets ""). */
export const ZMembershipResponse = z.object({ userId: z.string(), role: ZOrganizationRole, email: z.string(), name: z.string() });
export type TMembershipResponse = z.infer<typeof ZMembershipResponse>;
export const ZMembershipsResponse = z.object({ memberships: z.array(ZMembershipResponse) });
export type TMembershipsResponse = z.infer<typeof ZMembershipsResponse>;
export const ZMembershipDeletionResponse = z.object({ message: z.string(), userId: z.string() });
export type TMembershipDeletionResponse = z.infer<typeof ZMembershipDeletionResponse>;
