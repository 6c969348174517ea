"use client";

import { AUDIT_ACTIONS, type TAuditEntry, ZAuditEntry, ZAuditVerifyResult, ZListPageMeta } from "@loupe/contracts";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { Download, ScrollText, ShieldCheck } from "lucide-react";
import { Fragment, useState } from "react";
import { z } from "zod";
import { PageHeader } from "@/components/layout/app-shell";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Pager } from "@/components/ui/pager";
import { SkeletonRows } from "@/components/ui/skeleton";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { apiFetch, organizationApi, projectApi } from "@/lib/client/api-client";
import { queryKeys } from "@/lib/client/query-keys";
import { formatCount, formatTimestamp, formatUtc } from "@/lib/shared/format";
import { auditDiff } from "./audit-diff";

const ZAuditPage = z.object({ data: z.array(ZAuditEntry), meta: ZListPageMeta });
type Filters = { action: string; actor: string; from: string; to: string };
const LIMIT = 50;

/** The filters as the API's query string; datetime-local values are the browser's local time. */
function queryOf(f: Filters, page?: number): string {
  const q = new URLSearchParams();
  if (f.action) q.set("action", f.action);
  if (f.actor.trim()) q.set("actor", f.actor.trim());
  if (f.from) q.set("from", new Date(f.from).toISOString());
  if (f.to) q.set("to", new Date(f.to).toISOString());
  if (page) {
    q.set("page", String(page));
    q.set("limit", String(LIMIT));
  }
  return q.toString();
}

function Diff({ entry }: { entry: TAuditEntry }) {
  const rows = auditDiff(entry.before, entry.after);
  if (rows.length === 0) return <p className="text-xs text-muted-foreground">No field values recorded for this change.</p>;
  return (
    <table className="w-full text-xs">
      <tbody>
        {rows.map((r) => (
          <tr key={r.field} className="align-top">
            <td className="w-40 py-1 pr-3 font-mono text-muted-foreground">{r.field}</td>
            <td className="py-1 pr-3">
              {r.before !== null ? <pre className="whitespace-pre-wrap break-all text-danger line-through">{r.before}</pre> : null}
            </td>
            <td className="py-1">{r.after !== null ? <pre className="whitespace-pre-wrap break-all text-accent">{r.after}</pre> : null}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function VerifyResult({ result }: { result: z.infer<typeof ZAuditVerifyResult> }) {
  if (result.ok) {
    const from = result.anchor ? (result.anchor.genesis ? "from the first row" : "from the oldest row kept by retention") : "(empty log)";
    return (
      <p role="status" className="rounded-lg border border-accent/40 bg-accent-soft p-3 text-sm">
        Chain intact: {result.rowsChecked.toLocaleString()} rows verified {from}.
      </p>
    );
  }
  const b = result.broken;
  return (
    <p role="alert" className="rounded-lg border border-danger/40 bg-danger-soft p-3 text-sm text-danger">
      Chain broken at row <span className="font-mono">{b?.rowId}</span> ({b ? formatTimestamp(b.createdAt) : ""}): {b?.message}.
    </p>
  );
}

/** Whose log: one project's, or an organization's (its projects' rows, its members' sign-ins, org-level changes). */
type AuditScope =
  | { kind: "project"; projectId: string }
  /** `projects`: names of the organization's projects, for the Project column (ids of deleted ones show as ids). */
  | { kind: "organization"; organizationId: string; name: string; projects: Record<string, string> };

const SCOPE_TEXT = {
  project:
    "Who changed what in this project: keys, masking, LLM connections, prompt releases, deletions and exports. Rows are hash-chained, so an edit or a deletion shows.",
  organization:
    "Everything audited in this organization's projects, plus its members' sign-ins, role changes and reset links. Rows are hash-chained, so an edit or a deletion shows.",
} as const;

export function AuditLogPage({ scope }: { scope: AuditScope }) {
  const [draft, setDraft] = useState<Filters>({ action: "", actor: "", from: "", to: "" });
  const [filters, setFilters] = useState(draft);
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const scopeId = scope.kind === "project" ? scope.projectId : scope.organizationId;
  const base = `${scope.kind === "project" ? projectApi(scope.projectId) : organizationApi(scope.organizationId)}/audit-log`;
  const query = queryOf(filters, page);
  const list = useQuery({
    queryKey: queryKeys.auditLog(scope.kind, scopeId, query),
    queryFn: () => apiFetch(ZAuditPage, `${base}?${query}`),
    placeholderData: keepPreviousData,
    // The log grows from every page, other people's sessions and API keys: coming back to it always
    // asks again, or a change made a few seconds ago elsewhere would be missing from a cached page.
    staleTime: 0,
    refetchOnMount: "always",
  });
  const verify = useMutation({ mutationFn: () => apiFetch(ZAuditVerifyResult, `${base}/verify`, { method: "POST" }) });
  const exportUrl = (format: string) => `${base}/export?${queryOf(filters)}${queryOf(filters) ? "&" : ""}format=${format}`;
  const filtered = Object.values(filters).some(Boolean);
  const columns = scope.kind === "organization" ? 6 : 5;

  return (
    <div>
      <PageHeader
        title={scope.kind === "project" ? "Audit log" : `Audit log of ${scope.name}`}
        description={SCOPE_TEXT[scope.kind]}
        actions={
          <>
            <Button size="sm" variant="secondary" onClick={() => verify.mutate()} disabled={verify.isPending}>
              <ShieldCheck className="h-3.5 w-3.5" /> {verify.isPending ? "Verifying…" : "Verify chain"}
            </Button>
            <a className="inline-flex h-7 items-center gap-1 rounded-md border px-2.5 text-xs hover:bg-muted" href={exportUrl("csv")}>
              <Download className="h-3.5 w-3.5" /> CSV
            </a>
            <a className="inline-flex h-7 items-center gap-1 rounded-md border px-2.5 text-xs hover:bg-muted" href={exportUrl("jsonl")}>
              <Download className="h-3.5 w-3.5" /> JSONL
            </a>
          </>
        }
      />
      <div className="space-y-4 p-5">
        {verify.data ? <VerifyResult result={verify.data} /> : null}
        {verify.isError ? (
          <ErrorState title="Could not verify the chain" message={verify.error.message} onRetry={() => verify.mutate()} />
        ) : null}
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            setPage(1);
            setFilters(draft);
          }}
        >
          <label className="flex flex-col gap-1 text-xs text-muted-foreground">
            Action
            <select
              aria-label="Action"
              className="block h-8 rounded-md border bg-background px-2 text-sm text-foreground"
              value={draft.action}
              onChange={(e) => setDraft({ ...draft, action: e.target.value })}
            >
              <option value="">All actions</option>
              {AUDIT_ACTIONS.map((a) => (
                <option key={a}>{a}</option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1 text-xs text-muted-foreground">
            Actor
            <Input
              className="w-56"
              placeholder="e-mail, user id or public key"
              value={draft.actor}
              onChange={(e) => setDraft({ ...draft, actor: e.target.value })}
            />
          </label>
          <label className="flex flex-col gap-1 text-xs text-muted-foreground">
            From
            <Input
              className="mt-1"
              type="datetime-local"
              value={draft.from}
              onChange={(e) => setDraft({ ...draft, from: e.target.value })}
            />
          </label>
          <label className="flex flex-col gap-1 text-xs text-muted-foreground">
            To
            <Input type="datetime-local" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
          </label>
          <Button size="sm" type="submit">
            Apply
          </Button>
        </form>
        {list.isError ? (
          <ErrorState title="Could not load the audit log" message={list.error.message} onRetry={() => list.refetch()} />
        ) : list.data?.data.length === 0 ? (
          <EmptyState
            icon={<ScrollText className="h-6 w-6 text-accent" />}
            title={filtered ? "No entries match these filters" : "No audited changes yet"}
          >
            {filtered
              ? "Clear a filter or widen the time range."
              : "Creating or revoking an API key, changing masking rules or LLM connections, releasing a prompt, deleting a prompt, dashboard or webhook, or exporting this log adds an entry here."}
          </EmptyState>
        ) : (
          <div className="overflow-x-auto rounded-lg border">
            <table className="w-full text-[13px]">
              <thead className="bg-panel text-xs text-muted-foreground">
                <tr>
                  <th className="h-8 px-3 text-left font-medium">Time</th>
                  <th className="h-8 px-3 text-left font-medium">Actor</th>
                  <th className="h-8 px-3 text-left font-medium">Action</th>
                  {scope.kind === "organization" ? <th className="h-8 px-3 text-left font-medium">Project</th> : null}
                  <th className="h-8 px-3 text-left font-medium">Resource</th>
                  <th className="h-8 px-3 text-left font-medium">IP</th>
                </tr>
              </thead>
              <tbody>
                {list.isPending ? (
                  <SkeletonRows columns={columns} rows={4} />
                ) : (
                  list.data?.data.map((e) => (
                    <Fragment key={e.id}>
                      <tr
                        className="h-9 cursor-pointer border-t hover:bg-muted/50"
                        onClick={() => setOpen(open === e.id ? null : e.id)}
                        aria-expanded={open === e.id}
                      >
                        <td className="px-3 text-xs whitespace-nowrap text-muted-foreground" title={formatUtc(e.createdAt)}>
                          {formatTimestamp(e.createdAt)}
                        </td>
                        <td className="max-w-64 truncate px-3 text-xs">{e.actorEmail ?? e.actorId ?? e.actorType}</td>
                        <td className="px-3">
                          <Badge tone={/(deleted|revoked|removed)$/.test(e.action) ? "danger" : "neutral"}>{e.action}</Badge>
                        </td>
                        {scope.kind === "organization" ? (
                          <td className="max-w-48 truncate px-3 text-xs text-muted-foreground">
                            {e.projectId ? (scope.projects[e.projectId] ?? e.projectId) : "—"}
                          </td>
                        ) : null}
                        <td className="max-w-72 truncate px-3 font-mono text-xs text-muted-foreground">
                          {e.resourceType}
                          {e.resourceId ? ` ${e.resourceId}` : ""}
                        </td>
                        <td className="px-3 font-mono text-xs text-muted-foreground">{e.ip ?? "—"}</td>
                      </tr>
                      {open === e.id ? (
                        <tr className="border-t bg-panel">
                          <td colSpan={columns} className="px-3 py-2">
                            <Diff entry={e} />
                          </td>
                        </tr>
                      ) : null}
                    </Fragment>
                  ))
                )}
              </tbody>
            </table>
            {list.data && list.data.meta.totalPages > 1 ? (
              <Pager
                page={page}
                totalPages={list.data.meta.totalPages}
                label={formatCount(list.data.meta.totalItems, "entry", { plural: "entries" })}
                onPageChange={setPage}
              />
            ) : null}
          </div>
        )}
      </div>
    </div>
  );
}
