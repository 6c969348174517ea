import { describe, expect, it } from "vitest";
import { groupsFromClaim, isSsoEnforced, parseDomainList, resolveGroupRoles, ZGroupRoleRules } from "./sso-policy.ts";

describe("SSO enforcement by domain", () => {
  it("compares domains case-insensitively", () => {
    const domains = parseDomainList(" Acme.COM, ,corp.example ");
    expect(domains).toEqual(["acme.com", "corp.example"]);
    expect(isSsoEnforced("Ada@ACME.com", domains)).toBe(true);
    expect(isSsoEnforced("ada@sub.acme.com", domains)).toBe(false);
    expect(isSsoEnforced("ada@acme.com.evil", domains)).toBe(false);
    expect(isSsoEnforced("no-at-sign", domains)).toBe(false);
  });
});

describe("group → role rules", () => {
  const rules = ZGroupRoleRules.parse([
    { group: "admins", organizationId: "o1", role: "ADMIN" },
    { group: "staff", organizationId: "o1", role: "VIEWER" },
    { group: "support", projectId: "p1", role: "MEMBER" },
    { group: "owners-2", organizationId: "o2", role: "OWNER" },
  ]);

  it("gives the highest role of the matching rules, and null where a managed place matches none", () => {
    const grants = resolveGroupRoles(["staff", "admins", "other"], rules);
    expect(Object.fromEntries(grants.organizations)).toEqual({ o1: "ADMIN", o2: null });
    expect(Object.fromEntries(grants.projects)).toEqual({ p1: null });
    expect(Object.fromEntries(resolveGroupRoles(["support", "staff"], rules).projects)).toEqual({ p1: "MEMBER" });
  });

  it("refuses rules with no target, two targets or an unknown role", () => {
    expect(ZGroupRoleRules.safeParse([{ group: "g", role: "ADMIN" }]).success).toBe(false);
    expect(ZGroupRoleRules.safeParse([{ group: "g", organizationId: "o", projectId: "p", role: "ADMIN" }]).success).toBe(false);
    expect(ZGroupRoleRules.safeParse([{ group: "g", organizationId: "o", role: "GOD" }]).success).toBe(false);
  });

  it("reads groups from an array or a single string claim", () => {
    expect(groupsFromClaim(["a", 3, "", "b"])).toEqual(["a", "b"]);
    expect(groupsFromClaim("solo")).toEqual(["solo"]);
    expect(groupsFromClaim(undefined)).toEqual([]);
  });
});
