import type { ScimResult } from "./scim-user.ts";

/** What Loupe can look Users up by: the e-mail (userName, emails) or the id. */
export type ScimUserFilter = { by: "email" | "id"; value: string };

const ATTRIBUTES: Record<string, ScimUserFilter["by"]> = {
  username: "email",
  emails: "email",
  "emails.value": "email",
  id: "id",
};

// attrPath SP "eq" SP compValue (RFC 7644 3.4.2.2), with compValue a JSON string; names are case-insensitive.
const EQ_FILTER = /^\s*((?:urn:ietf:params:scim:schemas:core:2\.0:User:)?[A-Za-z][\w.]*)\s+([A-Za-z]+)\s+("(?:[^"\\]|\\.)*")\s*$/i;

/**
 * The `filter` of GET /Users. IdPs look a person up before creating them (Okta and Entra ID send
 * `userName eq "alice@example.com"`); that, `emails[.value] eq` and `id eq` are served. Anything else is an
 * `invalidFilter` naming what is served, never a list of everyone.
 */
export function parseScimFilter(filter: string): ScimResult<ScimUserFilter> {
  const supported = 'Loupe filters Users by userName, emails.value or id with eq, e.g. userName eq "alice@example.com"';
  const match = EQ_FILTER.exec(filter);
  if (!match) return { ok: false, problem: { scimType: "invalidFilter", detail: `Cannot parse the filter. ${supported}` } };
  const [, rawAttribute = "", operator = "", quoted = ""] = match;
  const attribute = rawAttribute.toLowerCase().replace(/^urn:ietf:params:scim:schemas:core:2\.0:user:/, "");
  const by = ATTRIBUTES[attribute];
  if (!by)
    return {
      ok: false,
      problem: { scimType: "invalidFilter", detail: `The filter attribute ${rawAttribute} is not served. ${supported}` },
    };
  if (operator.toLowerCase() !== "eq")
    return { ok: false, problem: { scimType: "invalidFilter", detail: `The filter operator ${operator} is not served. ${supported}` } };
  let value: unknown;
  try {
    value = JSON.parse(quoted);
  } catch {
    return { ok: false, problem: { scimType: "invalidFilter", detail: `The filter value ${quoted.slice(0, 100)} is not a valid string` } };
  }
  return { ok: true, value: { by, value: String(value) } };
}
