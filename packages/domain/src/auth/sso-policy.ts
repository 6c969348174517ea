import { ROLES, type Role } from "@loupe/contracts";
import { z } from "zod";
import { includesRole } from "../access/capabilities.ts";

/** The part after the last "@", lower-cased ("" when there is none). */
export function emailDomain(email: string): string {
  const at = email.lastIndexOf("@");
  return at < 0
    ? ""
    : email
        .slice(at + 1)
        .trim()
        .toLowerCase();
}

/** `AUTH_DOMAINS_WITH_SSO_ENFORCEMENT`: comma-separated domains, compared case-insensitively. */
export function parseDomainList(raw: string | undefined): string[] {
  return (raw ?? "")
    .split(",")
    .map((d) => d.trim().toLowerCase())
    .filter(Boolean);
}

/** True when people of this e-mail's domain must sign in through SSO (no password sign-in or sign-up). */
export function isSsoEnforced(email: string, enforcedDomains: readonly string[]): boolean {
  const domain = emailDomain(email);
  return domain !== "" && enforcedDomains.includes(domain);
}

/**
 * One rule of `AUTH_SSO_GROUP_ROLES`: people in `group` get `role` in the organization, or (with
 * `projectId`) a project override. Exactly one target per rule, so a typo cannot widen a grant.
 */
export const ZGroupRoleRule = z.union([
  z.strictObject({ group: z.string().min(1), organizationId: z.string().min(1), role: z.enum(ROLES) }),
  z.strictObject({ group: z.string().min(1), projectId: z.string().min(1), role: z.enum(ROLES) }),
]);
export type GroupRoleRule = z.infer<typeof ZGroupRoleRule>;
export const ZGroupRoleRules = z.array(ZGroupRoleRule).max(500);

/** What the rules decide for one person: the role per managed organization/project, or null to remove it. */
export type GroupRoleGrants = {
  organizations: Map<string, Role | null>;
  projects: Map<string, Role | null>;
};

/** The role that includes the other; of two incomparable roles (VIEWER, ANNOTATOR) the later rule's. */
function higher(a: Role | null | undefined, b: Role): Role {
  return a && includesRole(a, b) ? a : b;
}

/**
 * Every organization and project named by a rule is managed by the identity provider: the person's
 * role there is the highest role of the rules their groups match, and no role (null) when none match.
 * Places no rule names are not touched. Group names compare exactly (IdPs treat them as opaque ids).
 */
export function resolveGroupRoles(groups: readonly string[], rules: readonly GroupRoleRule[]): GroupRoleGrants {
  const member = new Set(groups);
  const organizations = new Map<string, Role | null>();
  const projects = new Map<string, Role | null>();
  for (const rule of rules) {
    const [target, id] = "organizationId" in rule ? [organizations, rule.organizationId] : [projects, rule.projectId];
    if (!target.has(id)) target.set(id, null);
    if (member.has(rule.group)) target.set(id, higher(target.get(id), rule.role));
  }
  return { organizations, projects };
}

/** Group names from a claim/attribute value: an array of strings, or one string (some IdPs send one group bare). */
export function groupsFromClaim(value: unknown): string[] {
  if (typeof value === "string") return value ? [value] : [];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string" && v.length > 0);
  return [];
}
