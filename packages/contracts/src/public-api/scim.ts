import { z } from "zod";
import { ORGANIZATION_ROLES, type TOrganizationRole } from "../internal-api/members.ts";

// SCIM 2.0 (RFC 7643/7644) at /api/public/scim/*, as Langfuse serves it: an identity provider (Okta, Entra ID)
// provisions the members of the organization of its organization API key. Langfuse's shapes plus `active`
// and `displayName`, which the IdPs read back.

export const SCIM_SCHEMAS = {
  user: "urn:ietf:params:scim:schemas:core:2.0:User",
  listResponse: "urn:ietf:params:scim:api:messages:2.0:ListResponse",
  patchOp: "urn:ietf:params:scim:api:messages:2.0:PatchOp",
  error: "urn:ietf:params:scim:api:messages:2.0:Error",
  serviceProviderConfig: "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig",
  resourceType: "urn:ietf:params:scim:schemas:core:2.0:ResourceType",
  schema: "urn:ietf:params:scim:schemas:core:2.0:Schema",
} as const;

export const SCIM_CONTENT_TYPE = "application/scim+json";
/** The most Users one list answer holds (advertised as `filter.maxResults`). */
export const SCIM_MAX_RESULTS = 100;

/** RFC 7644 3.12 error types Loupe answers with. */
export const SCIM_ERROR_TYPES = ["invalidFilter", "invalidSyntax", "invalidValue", "mutability", "noTarget", "uniqueness"] as const;
export type TScimErrorType = (typeof SCIM_ERROR_TYPES)[number];

export const ZScimError = z.object({
  schemas: z.tuple([z.literal(SCIM_SCHEMAS.error)]),
  /** The HTTP status as a string (RFC 7644 3.12). */
  status: z.string(),
  scimType: z.enum(SCIM_ERROR_TYPES).optional(),
  detail: z.string(),
});
export type TScimError = z.infer<typeof ZScimError>;

export const scimErrorBody = (status: number, detail: string, scimType?: TScimErrorType): TScimError => ({
  schemas: [SCIM_SCHEMAS.error],
  status: String(status),
  ...(scimType ? { scimType } : {}),
  detail,
});

/** A SCIM boolean: JSON true/false, or the strings Entra ID sends ("True", "False"). */
export const ZScimBoolean = z.preprocess(
  (v) => (typeof v === "string" && /^(true|false)$/i.test(v.trim()) ? v.trim().toLowerCase() === "true" : v),
  z.boolean({ error: 'a boolean (true, false, "True" or "False")' }),
);

const roleList = ORGANIZATION_ROLES.join(", ");
/**
 * SCIM `roles` as Loupe reads them: plain strings (Langfuse) or RFC 7643 objects `{ value, primary? }`; the
 * primary one, else the first, names the organization role. Empty: no role asked for.
 */
export const ZScimRoles = z
  .array(z.union([z.string(), z.looseObject({ value: z.string(), primary: ZScimBoolean.optional() })]), {
    error: `roles: a list of organization roles (${roleList})`,
  })
  .max(20)
  .transform((roles, ctx): TOrganizationRole | undefined => {
    const chosen = roles.find((r) => typeof r === "object" && r.primary) ?? roles[0];
    if (chosen === undefined) return undefined;
    const name = (typeof chosen === "string" ? chosen : chosen.value).trim().toUpperCase();
    if ((ORGANIZATION_ROLES as readonly string[]).includes(name)) return name as TOrganizationRole;
    ctx.addIssue({ code: "custom", message: `Invalid role ${JSON.stringify(name).slice(0, 80)}: must be one of ${roleList}` });
    return z.NEVER;
  });

const text = (max: number) => z.string().max(max, `at most ${max} characters`);

export const ZScimName = z.looseObject({
  formatted: text(200).nullish(),
  givenName: text(200).nullish(),
  familyName: text(200).nullish(),
});
export type TScimName = z.infer<typeof ZScimName>;

export const ZScimEmail = z.looseObject({ value: text(320), primary: ZScimBoolean.optional(), type: text(50).optional() });

/**
 * POST /Users and PUT /Users/{id}. `userName` is the person's e-mail (Loupe signs people in by e-mail). A
 * `password` is ignored, as in Langfuse (Okta sends one on every create; a usable password for an address
 * nobody verified is not made). Attributes Loupe does not keep (externalId, title, enterprise extension…) are
 * accepted and dropped.
 */
export const ZScimUserBody = z.object({
  schemas: z.array(text(200)).max(20).optional(),
  userName: z
    .string({ error: "userName is required: the user's e-mail address" })
    .trim()
    .min(1, "userName is required: the user's e-mail address")
    .max(320, "userName: at most 320 characters"),
  name: ZScimName.nullish(),
  displayName: text(200).nullish(),
  emails: z.array(ZScimEmail).max(20).nullish(),
  active: ZScimBoolean.optional(),
  roles: ZScimRoles.nullish(),
});
export type TScimUserBody = z.infer<typeof ZScimUserBody>;

/** One PatchOp operation; `op` is case-insensitive (Entra ID sends "Replace", "Add"). */
export const ZScimPatchOperation = z.object({
  op: z
    .string({ error: "op is required: add, replace or remove" })
    .transform((op) => op.trim().toLowerCase())
    .pipe(z.enum(["add", "replace", "remove"], { error: "op must be add, replace or remove" })),
  path: text(500).optional(),
  value: z.unknown().optional(),
});
export type TScimPatchOperation = z.infer<typeof ZScimPatchOperation>;

export const ZScimPatchBody = z.object({
  schemas: z
    .array(text(200), { error: `schemas must be a list holding "${SCIM_SCHEMAS.patchOp}"` })
    .max(20)
    .refine((s) => s.includes(SCIM_SCHEMAS.patchOp), `schemas must include "${SCIM_SCHEMAS.patchOp}"`),
  Operations: z
    .array(ZScimPatchOperation, { error: "Operations is required: a list of operations" })
    .min(1, "Operations must hold at least one operation")
    .max(100, "Operations: at most 100 operations"),
});
export type TScimPatchBody = z.infer<typeof ZScimPatchBody>;

/** Integer query parameters, clamped as RFC 7644 3.4.2.4 says (startIndex < 1 is 1, count < 0 is 0). */
const scimInt = (name: string, fallback: number, min: number, max: number) =>
  z.coerce
    .number({ error: `${name} must be an integer` })
    .int(`${name} must be an integer`)
    .min(-(2 ** 31), `${name} is out of range`)
    .max(2 ** 31 - 1, `${name} is out of range`)
    .transform((n) => Math.min(Math.max(n, min), max))
    .default(fallback);

export const ZScimListUsersQuery = z.object({
  /** `userName eq "…"` (also `emails.value`, `emails`, `id`); parsed by `parseScimFilter` (@loupe/domain). */
  filter: text(1000).optional(),
  startIndex: scimInt("startIndex", 1, 1, 2 ** 31 - 1),
  count: scimInt("count", SCIM_MAX_RESULTS, 0, SCIM_MAX_RESULTS),
});
export type TScimListUsersQuery = z.infer<typeof ZScimListUsersQuery>;

export const ZScimUserParams = z.object({ id: z.string().max(200) });

export const ZScimUser = z.object({
  schemas: z.tuple([z.literal(SCIM_SCHEMAS.user)]),
  id: z.string(),
  userName: z.string(),
  name: z.object({ formatted: z.string().nullable() }),
  displayName: z.string().nullable(),
  emails: z.array(z.object({ value: z.string(), primary: z.boolean(), type: z.string() })),
  /** false: the IdP deprovisioned this person (Loupe removed them from the organization). */
  active: z.boolean(),
  meta: z.object({
    resourceType: z.literal("User"),
    created: z.string(),
    lastModified: z.string(),
    location: z.string(),
  }),
});
export type TScimUser = z.infer<typeof ZScimUser>;

export const ZScimUserList = z.object({
  schemas: z.tuple([z.literal(SCIM_SCHEMAS.listResponse)]),
  totalResults: z.number().int(),
  startIndex: z.number().int(),
  itemsPerPage: z.number().int(),
  Resources: z.array(ZScimUser),
});
export type TScimUserList = z.infer<typeof ZScimUserList>;

/** The discovery documents (ServiceProviderConfig, ResourceTypes, Schemas): static JSON, checked loosely. */
export const ZScimDocument = z.looseObject({ schemas: z.array(z.string()) });
