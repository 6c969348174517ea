import {
  type TOrganizationRole,
  type TScimErrorType,
  type TScimName,
  type TScimPatchOperation,
  type TScimUserBody,
  ZScimBoolean,
  ZScimName,
  ZScimRoles,
} from "@loupe/contracts";
import { z } from "zod";

// SCIM requests as the change they ask of a Loupe member. Loupe keeps one name string and one e-mail per
// user (the e-mail is `userName`), so a SCIM user maps onto little: active (member of the organization or
// not), the name, the organization role. Everything else an IdP sends is accepted and dropped.

export type ScimProblem = { scimType: TScimErrorType; detail: string };
export type ScimResult<T> = { ok: true; value: T } | { ok: false; problem: ScimProblem };

/** What a request asks; an absent field is left as it is. */
export type ScimUserChange = {
  active?: boolean;
  /** The userName (e-mail) the IdP holds; the service refuses a change of it. */
  userName?: string;
  /** The user's name: a string, or null to clear it. */
  name?: string | null;
  role?: TOrganizationRole;
};

type NameParts = { displayName?: string | null; formatted?: string | null; givenName?: string | null; familyName?: string | null };

const blankToNull = (v: string | null | undefined) => (v == null ? v : v.trim() || null);

/**
 * The one name Loupe keeps, from what the request sent: `name.formatted`, else `displayName` (Langfuse's order),
 * else given and family name joined, but only when both were sent (a lone familyName is not a whole name).
 * undefined when the request named nothing usable (keep the stored name); null when it cleared the name.
 */
export function scimDisplayName(parts: NameParts): string | null | undefined {
  const joined =
    parts.givenName === undefined || parts.familyName === undefined
      ? undefined
      : [blankToNull(parts.givenName), blankToNull(parts.familyName)].filter(Boolean).join(" ");
  const candidates = [parts.formatted, parts.displayName, joined];
  const chosen = candidates.map(blankToNull).find((c) => typeof c === "string");
  if (chosen) return chosen;
  return candidates.some((c) => c !== undefined) ? null : undefined;
}

/** POST /Users and PUT /Users/{id}: the body as a change (a PUT without name fields keeps the name). */
export function scimUserBodyChange(body: TScimUserBody): ScimUserChange {
  return {
    active: body.active,
    userName: body.userName,
    name: scimDisplayName({ displayName: body.displayName, ...(body.name ?? {}) }),
    role: body.roles ?? undefined,
  };
}

const CORE_USER_PREFIX = "urn:ietf:params:scim:schemas:core:2.0:user:";

const invalidValue = (path: string, expected: string): ScimProblem => ({
  scimType: "invalidValue",
  detail: `${path}: expected ${expected}`,
});

const parse = <T>(schema: z.ZodType<T>, value: unknown, path: string, expected: string): ScimResult<T> => {
  const parsed = schema.safeParse(value);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problem: invalidValue(path, expected) };
};

const ZText = z.string().max(200).nullable();

const NAME_PATHS: Record<string, keyof NameParts> = {
  displayname: "displayName",
  "name.formatted": "formatted",
  "name.givenname": "givenName",
  "name.familyname": "familyName",
};

/**
 * Applies one attribute of an operation to the change being built. `value` is undefined for a remove.
 * Returns a problem, or null when applied (or dropped: an attribute Loupe does not keep).
 */
function applyAttribute(change: ScimUserChange, name: NameParts, rawPath: string, value: unknown, op: string): ScimProblem | null {
  const lower = rawPath.trim().toLowerCase();
  const path = lower.startsWith(CORE_USER_PREFIX) ? lower.slice(CORE_USER_PREFIX.length) : lower;
  const removing = op === "remove";
  const namePart = NAME_PATHS[path];
  if (namePart) {
    const part = parse(ZText, removing ? null : value, rawPath, "a string of at most 200 characters");
    if (!part.ok) return part.problem;
    name[namePart] = part.value;
    return null;
  }
  switch (path) {
    case "active": {
      if (removing) return { scimType: "mutability", detail: "active cannot be removed: replace it with true or false" };
      const active = parse(ZScimBoolean, value, rawPath, 'a boolean (true, false, "True" or "False")');
      if (!active.ok) return active.problem;
      change.active = active.value;
      return null;
    }
    case "username": {
      if (removing) return { scimType: "mutability", detail: "userName cannot be removed" };
      const userName = parse(z.string().trim().min(1).max(320), value, rawPath, "the user's e-mail address");
      if (!userName.ok) return userName.problem;
      change.userName = userName.value;
      return null;
    }
    case "name": {
      const parts = parse<TScimName | null>(
        ZScimName.nullable(),
        removing ? null : value,
        rawPath,
        "an object with formatted, givenName, familyName",
      );
      if (!parts.ok) return parts.problem;
      name.formatted = parts.value?.formatted ?? null;
      name.givenName = parts.value?.givenName ?? null;
      name.familyName = parts.value?.familyName ?? null;
      return null;
    }
    case "roles": {
      if (removing) {
        change.role = "NONE";
        return null;
      }
      const role = parse(ZScimRoles, Array.isArray(value) ? value : [value], rawPath, "organization roles");
      if (!role.ok) return role.problem;
      if (role.value) change.role = role.value;
      return null;
    }
    default:
      // emails (Loupe's one address is userName), externalId, title, enterprise extension…: not kept.
      return null;
  }
}

/**
 * A SCIM PatchOp as a change, in both dialects: Okta's `{op:"replace", value:{active:false}}` (no path, an
 * object of attributes, keys may be dotted like "name.givenName") and Entra ID's
 * `{op:"Replace", path:"active", value:"False"}` (capitalised op, string booleans).
 */
export function scimPatchChange(operations: TScimPatchOperation[]): ScimResult<ScimUserChange> {
  const change: ScimUserChange = {};
  const name: NameParts = {};
  for (const [i, operation] of operations.entries()) {
    const where = `Operations[${i}]`;
    let problem: ScimProblem | null = null;
    if (operation.path !== undefined && operation.path.trim() !== "") {
      if (operation.op !== "remove" && operation.value === undefined)
        return { ok: false, problem: { scimType: "invalidSyntax", detail: `${where}: ${operation.op} needs a value` } };
      problem = applyAttribute(change, name, operation.path, operation.value, operation.op);
    } else if (operation.op === "remove") {
      return { ok: false, problem: { scimType: "noTarget", detail: `${where}: remove needs a path` } };
    } else if (operation.value && typeof operation.value === "object" && !Array.isArray(operation.value)) {
      for (const [key, value] of Object.entries(operation.value)) {
        problem = applyAttribute(change, name, key, value, operation.op);
        if (problem) break;
      }
    } else {
      return {
        ok: false,
        problem: { scimType: "invalidSyntax", detail: `${where}: without a path, value must be an object of attributes` },
      };
    }
    if (problem) return { ok: false, problem: { ...problem, detail: `${where}: ${problem.detail}` } };
  }
  const newName = scimDisplayName(name);
  return { ok: true, value: newName === undefined ? change : { ...change, name: newName } };
}
