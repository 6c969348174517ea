import { ZScimPatchBody, ZScimUserBody } from "@loupe/contracts";
import { describe, expect, it } from "vitest";
import { parseScimFilter } from "./scim-filter.ts";
import { scimDisplayName, scimPatchChange, scimUserBodyChange } from "./scim-user.ts";

const patch = (Operations: unknown[]) => {
  const body = ZScimPatchBody.parse({ schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations });
  return scimPatchChange(body.Operations);
};

describe("parseScimFilter", () => {
  it("reads the lookups IdPs send, attribute names case-insensitive, values as JSON strings", () => {
    expect(parseScimFilter('userName eq "alice@example.com"')).toEqual({ ok: true, value: { by: "email", value: "alice@example.com" } });
    expect(parseScimFilter('USERNAME EQ "a@b.co"')).toEqual({ ok: true, value: { by: "email", value: "a@b.co" } });
    expect(parseScimFilter('emails.value eq "a@b.co"')).toEqual({ ok: true, value: { by: "email", value: "a@b.co" } });
    expect(parseScimFilter('urn:ietf:params:scim:schemas:core:2.0:User:userName eq "x"')).toEqual({
      ok: true,
      value: { by: "email", value: "x" },
    });
    expect(parseScimFilter('id eq "c1"')).toEqual({ ok: true, value: { by: "id", value: "c1" } });
    expect(parseScimFilter('userName eq "quote\\"inside"')).toEqual({ ok: true, value: { by: "email", value: 'quote"inside' } });
  });

  it("answers invalidFilter for what it does not serve, never a match-all", () => {
    for (const filter of [
      "userName",
      'userName eq alice@example.com"',
      'userName eq "unterminated',
      'userName co "ali"',
      'userName eq "a" and active eq true',
      'externalId eq "123"',
      'displayName eq "Alice"',
      "",
      'userName eq "bad \\u12"',
    ]) {
      const result = parseScimFilter(filter);
      expect(result.ok, filter).toBe(false);
      if (!result.ok) {
        expect(result.problem.scimType, filter).toBe("invalidFilter");
        expect(result.problem.detail, filter).toMatch(/filter/i);
      }
    }
  });
});

describe("scimPatchChange", () => {
  it("reads Okta's deactivation and reactivation (no path, value object)", () => {
    expect(patch([{ op: "replace", value: { active: false } }])).toEqual({ ok: true, value: { active: false } });
    expect(patch([{ op: "replace", value: { active: true } }])).toEqual({ ok: true, value: { active: true } });
  });

  it("reads Entra ID's form: capitalised op, a path, string booleans", () => {
    expect(patch([{ op: "Replace", path: "active", value: "False" }])).toEqual({ ok: true, value: { active: false } });
    expect(patch([{ op: "Replace", path: "active", value: "True" }])).toEqual({ ok: true, value: { active: true } });
    expect(patch([{ op: "Add", path: "active", value: "true" }])).toEqual({ ok: true, value: { active: true } });
  });

  it("takes the name from formatted, else displayName, else given + family name; dotted keys and paths alike", () => {
    expect(
      patch([
        { op: "Replace", path: "name.givenName", value: "Alice" },
        { op: "Replace", path: "name.familyName", value: "Liddell" },
      ]),
    ).toEqual({ ok: true, value: { name: "Alice Liddell" } });
    expect(patch([{ op: "Add", value: { displayName: "Ali", "name.givenName": "Alice" } }])).toEqual({ ok: true, value: { name: "Ali" } });
    expect(patch([{ op: "replace", value: { name: { givenName: "A", familyName: "B", formatted: "Dr A B" } } }])).toEqual({
      ok: true,
      value: { name: "Dr A B" },
    });
    expect(patch([{ op: "remove", path: "displayName" }])).toEqual({ ok: true, value: { name: null } });
  });

  it("keeps userName and roles, and drops attributes Loupe does not store (emails, externalId, extensions)", () => {
    expect(
      patch([
        { op: "replace", path: "userName", value: "new@example.com" },
        { op: "Replace", path: 'emails[type eq "work"].value', value: "other@example.com" },
        { op: "Add", path: "externalId", value: "abc" },
        { op: "Replace", path: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", value: "R&D" },
        { op: "replace", path: "roles", value: [{ value: "admin", primary: true }] },
      ]),
    ).toEqual({ ok: true, value: { userName: "new@example.com", role: "ADMIN" } });
  });

  it("answers the SCIM error type of what is wrong, naming the operation", () => {
    const problem = (ops: unknown[]) => {
      const r = patch(ops);
      return r.ok ? null : r.problem;
    };
    expect(problem([{ op: "Replace", path: "active", value: "maybe" }])).toEqual({
      scimType: "invalidValue",
      detail: 'Operations[0]: active: expected a boolean (true, false, "True" or "False")',
    });
    expect(problem([{ op: "remove", path: "active" }])?.scimType).toBe("mutability");
    expect(problem([{ op: "remove", path: "userName" }])?.scimType).toBe("mutability");
    expect(problem([{ op: "remove" }])?.scimType).toBe("noTarget");
    expect(problem([{ op: "replace", value: "x" }])?.scimType).toBe("invalidSyntax");
    expect(problem([{ op: "replace", path: "displayName" }])?.scimType).toBe("invalidSyntax");
    expect(
      problem([
        { op: "replace", value: { active: true } },
        { op: "replace", path: "roles", value: "KING" },
      ]),
    ).toMatchObject({
      scimType: "invalidValue",
      detail: expect.stringMatching(/^Operations\[1\]: roles/),
    });
    expect(problem([{ op: "replace", path: "name.givenName", value: 42 }])?.scimType).toBe("invalidValue");
  });

  it("refuses operations that are not add, replace or remove in the body schema", () => {
    expect(
      ZScimPatchBody.safeParse({ schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "move" }] }).success,
    ).toBe(false);
    expect(ZScimPatchBody.safeParse({ schemas: ["x"], Operations: [{ op: "replace", value: { active: false } }] }).success).toBe(false);
  });
});

describe("scimUserBodyChange", () => {
  it("reads Okta's create body: name parts, first role, password ignored", () => {
    const body = ZScimUserBody.parse({
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
      userName: "alice@example.com",
      name: { givenName: "Alice", familyName: "Liddell" },
      emails: [{ primary: true, value: "alice@example.com", type: "work" }],
      displayName: null,
      locale: "en-US",
      externalId: "00u1",
      groups: [],
      password: "1mz050nq",
      active: true,
      roles: ["MEMBER", "ADMIN"],
    });
    expect(scimUserBodyChange(body)).toEqual({ active: true, userName: "alice@example.com", name: "Alice Liddell", role: "MEMBER" });
    expect(body).not.toHaveProperty("password");
  });

  it("keeps the stored name when a PUT names nothing, and no role when roles are absent", () => {
    expect(scimUserBodyChange(ZScimUserBody.parse({ userName: "a@b.co", active: "False" }))).toEqual({
      active: false,
      userName: "a@b.co",
      name: undefined,
      role: undefined,
    });
    expect(scimDisplayName({ givenName: " ", familyName: "" })).toBeNull();
    // Entra ID sends only what changed: a lone family name is not the whole name.
    expect(scimDisplayName({ familyName: "Liddell" })).toBeUndefined();
    expect(patch([{ op: "Replace", path: "name.familyName", value: "Liddell" }])).toEqual({ ok: true, value: {} });
  });
});
