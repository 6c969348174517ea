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
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type TApiKeySummary = z.infer<typeof ZApiKeySummary>;

export const ZCreateApiKeyBody = z.object({ note: z.string().trim().max(200).optional() });
export const ZCreatedApiKey = ZApiKeySummary.extend({ secretKey: z.string() });
export type TCreatedApiKey = z.infer<typeof ZCreatedApiKey>;
