import { createHash, randomUUID } from "node:crypto";
import type { TAuditAction, TAuditEntry, TAuditVerifyResult } from "@loupe/contracts";
import {
  appendAuditRow,
  type AuditRow,
  type AuditRowContent,
  deleteAuditRowsBefore,
  inAuditTransaction,
  readAuditChain,
  runExclusively,
  type Tx,
} from "@loupe/db";
import { AUDIT_GENESIS_HASH, type AuditChainRow, type AuditHashedContent, auditHashInput, findChainBreak } from "@loupe/domain";
import { auditEnv } from "../env.ts";

/** Who made a change: a signed-in user, a project API key (its public key), or the system itself (jobs, start-up). */
export type AuditActor =
  | { type: "user"; id: string; email: string }
  | { type: "apiKey"; publicKey: string }
  /** An organization API key (the admin endpoints), by its public key. */
  | { type: "organizationKey"; publicKey: string }
  /** A failed sign-in: the e-mail that was typed, which may name nobody. */
  | { type: "anonymous"; email: string }
  | { type: "system" };

/** Who and from where; routes build it once (defineRoute) and hand it to the services they call. */
export type AuditContext = { actor: AuditActor; ip: string | null };

export type AuditEntry = {
  action: TAuditAction;
  organizationId?: string | null;
  projectId?: string | null;
  resource: { type: string; id?: string | null };
  /** Secrets never go here: callers pass masked or hashed forms (see maskSecret). */
  before?: unknown;
  after?: unknown;
};

/**
 * A sign-in or a refused password sign-in (wrong password, or a domain that must use SSO). Throttled
 * attempts are not recorded: they never reach the password check, and an attacker could fill the log.
 * `address` is the throttle's client address (the last X-Forwarded-For entry), kept only behind a trusted proxy.
 */
export async function recordSignInAudit(
  actor: AuditActor,
  method: string,
  address: string | null,
  action: "auth.signIn" | "auth.signInFailed" = "auth.signIn",
  reason?: string,
): Promise<void> {
  const ip = auditEnv().trustedProxy && address && address !== "unknown" ? address : null;
  const id = actor.type === "user" ? actor.id : null;
  await recordAudit(undefined, { actor, ip }, { action, resource: { type: "user", id }, after: { method, ...(reason ? { reason } : {}) } });
}

const sha256 = (input: string) => createHash("sha256").update(input).digest("hex");

/** The client address to record: the last X-Forwarded-For entry, only behind a proxy the operator trusts (LOUPE_TRUSTED_PROXY). */
export function auditClientIp(forwardedFor: string | null | undefined): string | null {
  if (!auditEnv().trustedProxy) return null;
  return forwardedFor?.split(",").pop()?.trim() || null;
}

function actorColumns(actor: AuditActor) {
  if (actor.type === "user") return { actorType: "user", actorId: actor.id, actorEmail: actor.email };
  if (actor.type === "apiKey" || actor.type === "organizationKey")
    return { actorType: actor.type, actorId: actor.publicKey, actorEmail: null };
  if (actor.type === "anonymous") return { actorType: "anonymous", actorId: null, actorEmail: actor.email.slice(0, 320) };
  return { actorType: "system", actorId: null, actorEmail: null };
}

const toJson = (value: unknown) => (value === undefined ? null : JSON.parse(JSON.stringify(value)));

/** Exactly the columns the hash covers (not `seq`: it is only the order), whatever else `row` carries. */
const hashedContent = (row: AuditRowContent): AuditHashedContent => ({
  id: row.id,
  createdAt: row.createdAt.toISOString(),
  organizationId: row.organizationId,
  projectId: row.projectId,
  actorType: row.actorType,
  actorId: row.actorId,
  actorEmail: row.actorEmail,
  action: row.action,
  resourceType: row.resourceType,
  resourceId: row.resourceId,
  before: row.before ?? null,
  after: row.after ?? null,
  ip: row.ip,
});

/**
 * Appends one entry to the audit chain. Given the service's transaction, the entry commits or rolls
 * back with the change it describes; without one it runs in its own.
 */
export async function recordAudit(tx: Tx | undefined, ctx: AuditContext, entry: AuditEntry): Promise<void> {
  const content = {
    id: randomUUID(),
    organizationId: entry.organizationId ?? null,
    projectId: entry.projectId ?? null,
    ...actorColumns(ctx.actor),
    action: entry.action,
    resourceType: entry.resource.type,
    resourceId: entry.resource.id ?? null,
    before: toJson(entry.before),
    after: toJson(entry.after),
    ip: ctx.ip,
  };
  const append = (t: Tx) =>
    appendAuditRow(t, content, (head, row) => {
      const prevHash = head ?? AUDIT_GENESIS_HASH;
      return { prevHash, hash: sha256(auditHashInput(prevHash, hashedContent(row))) };
    });
  if (tx) await append(tx);
  else await inAuditTransaction(append);
}

const toChainRow = (row: AuditRow): AuditChainRow => ({
  ...hashedContent(row),
  prevHash: row.prevHash,
  hash: row.hash,
});

const VERIFY_PAGE = 1000;

/**
 * Re-hashes the whole chain from its oldest kept row and reports the first broken link. The oldest
 * row's prevHash is taken as given (retention removes a prefix), so `anchor.genesis` says whether the
 * chain still starts at the very first row.
 */
export async function verifyAuditChain(): Promise<TAuditVerifyResult> {
  let afterSeq: bigint | null = null;
  let expected: string | null = null;
  let anchor: TAuditVerifyResult["anchor"] = null;
  let rowsChecked = 0;
  for (;;) {
    const rows = await readAuditChain(afterSeq, VERIFY_PAGE);
    if (rows.length === 0) break;
    const chainRows = rows.map(toChainRow);
    if (!anchor) {
      const first = chainRows[0] as AuditChainRow;
      anchor = { rowId: first.id, createdAt: first.createdAt, genesis: first.prevHash === AUDIT_GENESIS_HASH };
    }
    const { broken, lastHash } = findChainBreak(chainRows, expected, sha256);
    if (broken) {
      rowsChecked += chainRows.findIndex((r) => r.id === broken.rowId);
      return { ok: false, rowsChecked, anchor, broken };
    }
    rowsChecked += rows.length;
    expected = lastHash;
    afterSeq = (rows.at(-1) as AuditRow).seq;
  }
  return { ok: true, rowsChecked, anchor, broken: null };
}

/** The worker's hourly retention pass: one process at a time (advisory lock), the others skip it. */
export function runAuditRetention() {
  return runExclusively("audit-log:retention", () => applyAuditRetention());
}

/** Deletes rows older than LOUPE_AUDIT_RETENTION_DAYS, a batch at a time; returns how many went. */
export async function applyAuditRetention(now = new Date(), batchSize = 5000): Promise<number> {
  const cutoff = new Date(now.getTime() - auditEnv().retentionDays * 86_400_000);
  let total = 0;
  for (;;) {
    const deleted = await deleteAuditRowsBefore(cutoff, batchSize);
    total += deleted;
    if (deleted < batchSize) return total;
  }
}

export function toAuditEntry(row: AuditRow): TAuditEntry {
  const { seq: _seq, prevHash: _p, hash: _h, ...rest } = row;
  return { ...rest, createdAt: row.createdAt.toISOString() };
}
