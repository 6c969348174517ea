import { SCIM_MAX_RESULTS, SCIM_SCHEMAS } from "@loupe/contracts";

// The discovery documents of /api/public/scim (RFC 7643 5–7): what Loupe serves, so an IdP's test
// connection and attribute mapping see the truth (PATCH is served, unlike what Langfuse advertises).

const BASE = "/api/public/scim";

export const SCIM_SERVICE_PROVIDER_CONFIG = {
  schemas: [SCIM_SCHEMAS.serviceProviderConfig],
  patch: { supported: true },
  bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
  filter: { supported: true, maxResults: SCIM_MAX_RESULTS },
  changePassword: { supported: false },
  sort: { supported: false },
  etag: { supported: false },
  authenticationSchemes: [
    {
      name: "Basic Authentication",
      description: "HTTP Basic with the organization API key: public key as user name, secret key as password",
      specUri: "https://tools.ietf.org/html/rfc7617",
      type: "httpbasic",
      primary: true,
    },
  ],
  meta: { resourceType: "ServiceProviderConfig", location: `${BASE}/ServiceProviderConfig` },
};

export const SCIM_RESOURCE_TYPES = {
  schemas: [SCIM_SCHEMAS.listResponse],
  totalResults: 1,
  Resources: [
    {
      schemas: [SCIM_SCHEMAS.resourceType],
      id: "User",
      name: "User",
      endpoint: `${BASE}/Users`,
      description: "User Account",
      schema: SCIM_SCHEMAS.user,
      schemaExtensions: [],
      meta: { resourceType: "ResourceType", location: `${BASE}/ResourceTypes/User` },
    },
  ],
};

type Attribute = { name: string; type: string; description: string } & Record<string, unknown>;

/** An attribute with RFC 7643's defaults (single-valued, optional, read-write, case-insensitive). */
const attribute = (name: string, type: string, description: string, extra: Record<string, unknown> = {}): Attribute => ({
  name,
  type,
  multiValued: false,
  description,
  required: false,
  ...(type === "string" ? { caseExact: false } : {}),
  mutability: "readWrite",
  returned: "default",
  uniqueness: "none",
  ...extra,
});

export const SCIM_SCHEMA_DOCUMENTS = {
  schemas: [SCIM_SCHEMAS.listResponse],
  totalResults: 1,
  Resources: [
    {
      schemas: [SCIM_SCHEMAS.schema],
      id: SCIM_SCHEMAS.user,
      name: "User",
      description: "User Account",
      attributes: [
        attribute("id", "string", "Unique identifier for the User", {
          required: true,
          caseExact: true,
          mutability: "readOnly",
          returned: "always",
          uniqueness: "server",
        }),
        attribute("userName", "string", "The user's e-mail address, with which they sign in; cannot change", {
          required: true,
          mutability: "immutable",
          returned: "always",
          uniqueness: "server",
        }),
        attribute("name", "complex", "The user's name (Loupe keeps one string)", {
          subAttributes: [
            attribute("formatted", "string", "The full name"),
            attribute("givenName", "string", "Given name, joined with familyName when no formatted name is sent"),
            attribute("familyName", "string", "Family name"),
          ],
        }),
        attribute("displayName", "string", "The name shown in Loupe, used when name.formatted is not sent"),
        attribute("emails", "complex", "The user's e-mail address (the same as userName)", {
          multiValued: true,
          mutability: "readOnly",
          subAttributes: [
            attribute("value", "string", "E-mail address"),
            attribute("primary", "boolean", "Primary e-mail indicator"),
            attribute("type", "string", "E-mail type (work)"),
          ],
        }),
        attribute("active", "boolean", "false removes the user from the organization; true adds them back"),
        attribute("roles", "complex", "The organization role (OWNER, ADMIN, MEMBER, VIEWER, ANNOTATOR, NONE); default NONE", {
          multiValued: true,
          subAttributes: [attribute("value", "string", "Role name"), attribute("primary", "boolean", "The role used")],
        }),
      ],
      meta: { resourceType: "Schema", location: `${BASE}/Schemas/${SCIM_SCHEMAS.user}` },
    },
  ],
};
