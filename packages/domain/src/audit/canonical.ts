/**
 * Canonical JSON for the audit chain: the same value always gives the same string, whatever order its
 * keys were written, stored (Postgres jsonb reorders them) or read in. Object keys are sorted by UTF-16
 * code units, `undefined` members are dropped (as JSON.stringify does), arrays keep their order, and
 * strings and numbers are written by JSON.stringify. Non-finite numbers, functions, symbols and bigints
 * have no JSON form and are refused rather than silently changed.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
    case "boolean":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} has no JSON form`);
      return JSON.stringify(value);
    case "object": {
      if (value instanceof Date) return JSON.stringify(value.toISOString());
      if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? "null" : canonicalJson(item))).join(",")}]`;
      const record = value as Record<string, unknown>;
      const members = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort()
        .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
      return `{${members.join(",")}}`;
    }
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} has no JSON form`);
  }
}

/** The hash of the row before the first one ever written. */
export const AUDIT_GENESIS_HASH = "0".repeat(64);

/** What one audit row's hash covers: every stored column except `seq`, `prevHash` (hashed separately) and `hash`. */
export type AuditHashedContent = {
  id: string;
  createdAt: string;
  organizationId: string | null;
  projectId: string | null;
  actorType: string;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
};

/**
 * The bytes SHA-256 runs over for one row: the previous row's hash, a newline, then the row's canonical
 * JSON. Hashing itself happens in packages/server (node:crypto); this stays pure so it is tested alone.
 */
export function auditHashInput(prevHash: string, content: AuditHashedContent): string {
  return `${prevHash}\n${canonicalJson(content)}`;
}

export type AuditChainRow = AuditHashedContent & { prevHash: string; hash: string };

export type AuditChainBreak = {
  rowId: string;
  createdAt: string;
  /** `content`: the row's hash does not match what it holds (edited); `link`: it does not follow the row before (one was deleted or edited with its hash). */
  kind: "content" | "link";
  message: string;
};

/**
 * Walks rows in chain order and returns the first broken link. `expectedPrev` is the hash the first row
 * must name: the last verified hash of the previous page, or null to accept the first row's own
 * `prevHash` (the oldest row kept after retention anchors the chain).
 */
export function findChainBreak(
  rows: AuditChainRow[],
  expectedPrev: string | null,
  sha256: (input: string) => string,
): { broken: AuditChainBreak | null; lastHash: string | null } {
  let prev = expectedPrev;
  for (const row of rows) {
    if (prev !== null && row.prevHash !== prev) {
      return {
        broken: {
          rowId: row.id,
          createdAt: row.createdAt,
          kind: "link",
          message: "this row does not follow the row before it: a row between them was deleted, or the one before was changed",
        },
        lastHash: prev,
      };
    }
    const { prevHash, hash, ...content } = row;
    if (sha256(auditHashInput(prevHash, content)) !== hash) {
      return {
        broken: {
          rowId: row.id,
          createdAt: row.createdAt,
          kind: "content",
          message: "this row's content was changed after it was written",
        },
        lastHash: prev,
      };
    }
    prev = hash;
  }
  return { broken: null, lastHash: prev };
}
