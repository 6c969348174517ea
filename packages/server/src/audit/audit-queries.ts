import {
  listPageMeta,
  type TAuditEntry,
  type TAuditExportQuery,
  type TAuditListQuery,
  type TAuditVerifyResult,
  type TListPageMeta,
} from "@loupe/contracts";
import { type AuditFilter, type AuditScope, auditRowInScope, listAuditRows, pageAuditRows } from "@loupe/db";
import { type AuditContext, recordAudit, toAuditEntry, verifyAuditChain } from "./audit.ts";

const filterOf = (q: Omit<TAuditListQuery, "page" | "limit">): AuditFilter => ({
  action: q.action,
  actor: q.actor,
  resourceType: q.resourceType,
  resourceId: q.resourceId,
  from: q.from,
  to: q.to,
});

export type { AuditScope };

/** A project's or an organization's audit log page, newest first (the caller's access is checked by the route). */
export async function listAudit(scope: AuditScope, q: TAuditListQuery): Promise<{ data: TAuditEntry[]; meta: TListPageMeta }> {
  const { rows, total } = await listAuditRows(scope, filterOf(q), { offset: (q.page - 1) * q.limit, limit: q.limit });
  return { data: rows.map(toAuditEntry), meta: listPageMeta(q, { total, totalIsLowerBound: false }) };
}

const CSV_COLUMNS = [
  "id",
  "createdAt",
  "actorType",
  "actorId",
  "actorEmail",
  "action",
  "resourceType",
  "resourceId",
  "ip",
  "before",
  "after",
] as const satisfies readonly (keyof TAuditEntry)[];

/** One CSV field: quoted when needed, and a leading = + - @ defused so a spreadsheet shows it as text. */
function csvField(value: unknown): string {
  let text = value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const EXPORT_PAGE = 500;

/**
 * The filtered log as CSV or JSON lines, read a page at a time so memory stays flat. The export is
 * itself audited (who took a copy of what), before the first line goes out.
 */
export async function* exportAudit(scope: AuditScope, q: TAuditExportQuery, audit: AuditContext): AsyncGenerator<string> {
  const filter = filterOf(q);
  const owner = "projectId" in scope ? { projectId: scope.projectId } : { organizationId: scope.organizationId };
  await recordAudit(undefined, audit, {
    action: "audit.exported",
    ...owner,
    resource: { type: "auditLog", id: "projectId" in scope ? scope.projectId : scope.organizationId },
    after: { format: q.format, filter },
  });
  if (q.format === "csv") yield `${CSV_COLUMNS.join(",")}\n`;
  let before: bigint | null = null;
  for (;;) {
    const rows = await pageAuditRows(scope, filter, before, EXPORT_PAGE);
    for (const row of rows) {
      const entry = toAuditEntry(row);
      yield q.format === "csv" ? `${CSV_COLUMNS.map((c) => csvField(entry[c])).join(",")}\n` : `${JSON.stringify(entry)}\n`;
    }
    if (rows.length < EXPORT_PAGE) return;
    before = (rows.at(-1) as (typeof rows)[number]).seq;
  }
}

/**
 * The chain check as a project's or an organization's admins see it: the chain is global, so a break in
 * another tenant's row is reported without that row's id (the time and the kind of break are still shown).
 */
export async function verifyAuditChainFor(scope: AuditScope): Promise<TAuditVerifyResult> {
  const result = await verifyAuditChain();
  const other = "projectId" in scope ? "another project's row" : "another organization's row";
  const redact = async (rowId: string) => ((await auditRowInScope(scope, rowId)) ? rowId : other);
  return {
    ...result,
    anchor: result.anchor && { ...result.anchor, rowId: await redact(result.anchor.rowId) },
    broken: result.broken && { ...result.broken, rowId: await redact(result.broken.rowId) },
  };
}
