import { describe, expect, it } from "vitest";
import {
  effectiveProjectRole,
  grantsAtLeast,
  invitationState,
  memberRemovalRefusal,
  orgRoleChangeRefusal,
  projectRoleChangeRefusal,
} from "./members.ts";

describe("effectiveProjectRole", () => {
  it("takes the project role when set (up or down), else the organization role; NONE alone opens nothing", () => {
    expect(effectiveProjectRole("MEMBER", null)).toBe("MEMBER");
    expect(effectiveProjectRole("MEMBER", "VIEWER")).toBe("VIEWER");
    expect(effectiveProjectRole("VIEWER", "ADMIN")).toBe("ADMIN");
    expect(effectiveProjectRole("NONE", null)).toBeNull();
    expect(effectiveProjectRole("NONE", "ANNOTATOR")).toBe("ANNOTATOR");
  });
});

describe("membership rules", () => {
  it("orders roles by what they grant; NONE is below every role and VIEWER/ANNOTATOR are incomparable", () => {
    expect(grantsAtLeast("ADMIN", "OWNER")).toBe(false);
    expect(grantsAtLeast("ADMIN", "NONE")).toBe(true);
    expect(grantsAtLeast("NONE", "VIEWER")).toBe(false);
    expect(grantsAtLeast("VIEWER", "ANNOTATOR")).toBe(false);
    expect(grantsAtLeast("MEMBER", "ANNOTATOR")).toBe(true);
  });

  it("refuses escalation (403) and the last owner's demotion or removal (409)", () => {
    expect(orgRoleChangeRefusal({ actor: "ADMIN", current: "MEMBER", next: "OWNER", owners: 1 })?.kind).toBe("forbidden");
    expect(orgRoleChangeRefusal({ actor: "ADMIN", current: "OWNER", next: "MEMBER", owners: 2 })?.kind).toBe("forbidden");
    expect(orgRoleChangeRefusal({ actor: "OWNER", current: "OWNER", next: "ADMIN", owners: 1 })?.kind).toBe("conflict");
    expect(orgRoleChangeRefusal({ actor: "OWNER", current: "OWNER", next: "ADMIN", owners: 2 })).toBeNull();
    expect(orgRoleChangeRefusal({ actor: "ADMIN", current: "VIEWER", next: "NONE", owners: 1 })).toBeNull();
    expect(memberRemovalRefusal({ actor: "OWNER", current: "OWNER", owners: 1 })?.kind).toBe("conflict");
    expect(memberRemovalRefusal({ actor: "ADMIN", current: "OWNER", owners: 3 })?.kind).toBe("forbidden");
    expect(memberRemovalRefusal({ actor: "ADMIN", current: "ADMIN", owners: 1 })).toBeNull();
    expect(projectRoleChangeRefusal({ actor: "ADMIN", memberOrgRole: "NONE", memberEffective: null, next: "OWNER" })?.kind).toBe(
      "forbidden",
    );
    expect(projectRoleChangeRefusal({ actor: "ADMIN", memberOrgRole: "OWNER", memberEffective: "OWNER", next: "VIEWER" })?.kind).toBe(
      "forbidden",
    );
    expect(projectRoleChangeRefusal({ actor: "ADMIN", memberOrgRole: "NONE", memberEffective: null, next: "ADMIN" })).toBeNull();
  });

  it("reads an invitation's state: used and revoked before expired", () => {
    const past = new Date(Date.now() - 1000);
    const future = new Date(Date.now() + 60_000);
    expect(invitationState({ expiresAt: future, acceptedAt: null, revokedAt: null })).toBe("pending");
    expect(invitationState({ expiresAt: past, acceptedAt: null, revokedAt: null })).toBe("expired");
    expect(invitationState({ expiresAt: past, acceptedAt: past, revokedAt: null })).toBe("accepted");
    expect(invitationState({ expiresAt: future, acceptedAt: null, revokedAt: past })).toBe("revoked");
  });
});
