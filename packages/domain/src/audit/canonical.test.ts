import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AUDIT_GENESIS_HASH, type AuditChainRow, auditHashInput, canonicalJson, findChainBreak } from "./canonical.ts";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

describe("canonicalJson", () => {
  it("sorts keys at every depth and drops undefined members", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it("gives the same string whatever order the keys came in", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
        expect(JSON.parse(canonicalJson(obj))).toEqual(JSON.parse(JSON.stringify(obj)));
      }),
    );
  });

  it("refuses values JSON cannot hold", () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(/no JSON form/);
    expect(() => canonicalJson(1n)).toThrow(/bigint/);
  });

  it("escapes strings, so content cannot forge structure", () => {
    expect(canonicalJson({ a: '","b":"x' })).toBe('{"a":"\\",\\"b\\":\\"x"}');
  });
});

function chain(n: number): AuditChainRow[] {
  const rows: AuditChainRow[] = [];
  let prev = AUDIT_GENESIS_HASH;
  for (let i = 0; i < n; i++) {
    const content = {
      id: `r${i}`,
      createdAt: new Date(1_700_000_000_000 + i).toISOString(),
      organizationId: null,
      projectId: "p",
      actorType: "user",
      actorId: "u",
      actorEmail: "a@b.c",
      action: "apiKey.created",
      resourceType: "apiKey",
      resourceId: `k${i}`,
      before: null,
      after: { note: `n${i}` },
      ip: null,
    };
    const hash = sha256(auditHashInput(prev, content));
    rows.push({ ...content, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

describe("findChainBreak", () => {
  it("accepts an intact chain, and one whose oldest rows were removed (anchored at the first kept row)", () => {
    expect(findChainBreak(chain(5), AUDIT_GENESIS_HASH, sha256).broken).toBeNull();
    expect(findChainBreak(chain(5).slice(2), null, sha256).broken).toBeNull();
  });

  it("names an edited row", () => {
    const rows = chain(5);
    rows[2] = { ...(rows[2] as AuditChainRow), after: { note: "forged" } };
    expect(findChainBreak(rows, AUDIT_GENESIS_HASH, sha256).broken).toMatchObject({ rowId: "r2", kind: "content" });
  });

  it("names the row after a deleted one", () => {
    const rows = chain(5);
    rows.splice(2, 1);
    expect(findChainBreak(rows, AUDIT_GENESIS_HASH, sha256).broken).toMatchObject({ rowId: "r3", kind: "link" });
  });

  it("names the next row when an edit also rewrote the row's hash", () => {
    const rows = chain(4);
    const forged = { ...(rows[1] as AuditChainRow), after: { note: "forged" } };
    const { prevHash, hash: _old, ...content } = forged;
    rows[1] = { ...forged, hash: sha256(auditHashInput(prevHash, content)) };
    expect(findChainBreak(rows, AUDIT_GENESIS_HASH, sha256).broken).toMatchObject({ rowId: "r2", kind: "link" });
  });
});
