"use client";

import { MAX_COMPARED_RUNS, type TDatasetItemRow, type TDatasetRunSummary } from "@loupe/contracts";
import { ChevronRight, FileUp, FlaskConical, ListChecks } from "lucide-react";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { type Column, DataTable } from "@/components/ui/data-table";
import { BackLink, DetailError } from "@/components/ui/detail-states";
import { IdText } from "@/components/ui/id-text";
import { RelativeTime } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { Stat } from "@/components/ui/stat";
import { EmptyState } from "@/components/ui/states";
import { useHasRole } from "@/lib/client/project-role";
import { formatTokens } from "@/lib/shared/format";
import { projectRoutes } from "@/lib/shared/routes";
import { EditItemDialog } from "./components/edit-item-dialog";
import { ExperimentsPanel } from "./components/experiments-panel";
import { ImportItemsDialog } from "./components/import-items-dialog";
import { RunExperimentDialog } from "./components/run-experiment-dialog";
import { useDataset, useDatasetItems } from "./hooks/use-datasets";
import { useExperiments } from "./hooks/use-experiments";

const PAGE_SIZE = 50;

/** Item payloads are user content: one line of their JSON text, never markup. */
const Preview = ({ text }: { text: string | null }) =>
  text === null ? <span className="text-muted-foreground">—</span> : <span className="font-mono text-xs">{text}</span>;

function itemColumns(projectId: string, open: { label: string; onOpen: (id: string) => void }): Column<TDatasetItemRow>[] {
  return [
    { header: "Item", className: "max-w-[180px]", cell: (i) => <IdText value={i.id} copyLabel="Copy item id" /> },
    {
      header: "Status",
      cell: (i) => <Badge tone={i.status === "ACTIVE" ? "accent" : "neutral"}>{i.status === "ACTIVE" ? "active" : "archived"}</Badge>,
    },
    {
      header: "Input",
      className: "max-w-[360px] truncate",
      title: (i) => i.inputPreview ?? undefined,
      cell: (i) => <Preview text={i.inputPreview} />,
    },
    {
      header: "Expected output",
      className: "max-w-[280px] truncate",
      title: (i) => i.expectedOutputPreview ?? undefined,
      cell: (i) => <Preview text={i.expectedOutputPreview} />,
    },
    {
      header: "Source",
      hideWhenNarrow: true,
      className: "max-w-[160px]",
      cell: (i) =>
        i.sourceTraceId ? (
          <IdText value={i.sourceTraceId} href={projectRoutes(projectId).trace(i.sourceTraceId)} copyLabel="Copy trace id" />
        ) : (
          ""
        ),
    },
    { header: "Version", numeric: true, hideWhenNarrow: true, cell: (i) => i.version },
    { header: "Updated", className: "text-muted-foreground", cell: (i) => <RelativeTime iso={i.updatedAt} /> },
    {
      header: "",
      className: "w-16 text-right",
      cell: (i) => (
        <Button size="sm" variant="ghost" aria-label={`${open.label} item ${i.id}`} onClick={() => open.onOpen(i.id)}>
          {open.label}
        </Button>
      ),
    },
  ];
}

function RunsList({ projectId, datasetId, runs }: { projectId: string; datasetId: string; runs: TDatasetRunSummary[] }) {
  const [selected, setSelected] = useState<string[]>([]);
  if (runs.length === 0)
    return (
      <p className="text-sm text-muted-foreground">
        No runs yet. Run an experiment over this dataset from here or with the SDK's experiment runner to see it here.
      </p>
    );
  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  const canCompare = selected.length >= 1 && selected.length <= MAX_COMPARED_RUNS;
  return (
    <div className="space-y-2">
      <ul className="divide-y rounded-md border" aria-label="Runs">
        {runs.map((r) => (
          <li key={r.id} className="flex items-center gap-3 px-3 py-2 text-sm" data-testid="dataset-run">
            <input type="checkbox" aria-label={`Compare ${r.name}`} checked={selected.includes(r.id)} onChange={() => toggle(r.id)} />
            <span className="min-w-0 flex-1">
              <span className="block truncate font-medium">{r.name}</span>
              {r.description ? <span className="block truncate text-xs text-muted-foreground">{r.description}</span> : null}
            </span>
            <span className="tabular-nums text-muted-foreground">{formatTokens(r.itemCount)} items</span>
            <span className="w-24 text-right text-muted-foreground">
              <RelativeTime iso={r.createdAt} />
            </span>
          </li>
        ))}
      </ul>
      <div className="flex items-center gap-3 text-sm">
        {canCompare ? (
          <Link
            href={projectRoutes(projectId).datasetCompare(datasetId, selected)}
            className="inline-flex h-7 items-center rounded-md bg-accent px-2.5 text-xs font-medium text-accent-foreground hover:opacity-90"
          >
            Compare {selected.length === 1 ? "1 run" : `${selected.length} runs`}
          </Link>
        ) : null}
        <span className="text-xs text-muted-foreground">
          {selected.length > MAX_COMPARED_RUNS
            ? `Choose at most ${MAX_COMPARED_RUNS} runs to compare`
            : "Tick runs to compare them side by side per item"}
        </span>
      </div>
    </div>
  );
}

export function DatasetPage({ projectId, datasetId }: { projectId: string; datasetId: string }) {
  const [page, setPage] = useState(1);
  const experiments = useExperiments(projectId, datasetId);
  const running = experiments.data?.data.some((e) => e.status === "RUNNING") ?? false;
  const detail = useDataset(projectId, datasetId, { live: running });
  // The last run items land as the experiment finishes: read the runs once more then.
  const wasRunning = useRef(false);
  const { refetch } = detail;
  useEffect(() => {
    if (wasRunning.current && !running) void refetch();
    wasRunning.current = running;
  }, [running, refetch]);
  const items = useDatasetItems(projectId, datasetId, page, PAGE_SIZE);
  const routes = projectRoutes(projectId);
  const canImport = useHasRole("MEMBER");
  const [importing, setImporting] = useState(false);
  const [experimenting, setExperimenting] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const back = <BackLink href={routes.datasets}>Datasets</BackLink>;
  if (detail.isError)
    return (
      <DetailError
        back={back}
        what="Dataset"
        error={detail.error}
        missingHint="This project has no dataset with this id."
        onRetry={() => detail.refetch()}
      />
    );
  const d = detail.data?.dataset;
  const folders = d ? d.name.split("/").slice(0, -1) : [];
  return (
    <div className="flex min-h-screen flex-col">
      {importing ? <ImportItemsDialog projectId={projectId} datasetId={datasetId} onClose={() => setImporting(false)} /> : null}
      {experimenting ? <RunExperimentDialog projectId={projectId} datasetId={datasetId} onClose={() => setExperimenting(false)} /> : null}
      {editing ? (
        <EditItemDialog projectId={projectId} datasetId={datasetId} itemId={editing} canEdit={canImport} onClose={() => setEditing(null)} />
      ) : null}
      <header className="border-b px-5 py-3">
        <div className="flex items-start justify-between gap-3">
          {back}
          {canImport && d ? (
            <div className="flex gap-2">
              <Button size="sm" variant="secondary" onClick={() => setImporting(true)}>
                <FileUp className="h-3.5 w-3.5" aria-hidden /> Import items
              </Button>
              <Button size="sm" onClick={() => setExperimenting(true)}>
                <FlaskConical className="h-3.5 w-3.5" aria-hidden /> Run experiment
              </Button>
            </div>
          ) : null}
        </div>
        {d ? (
          <>
            <h1 className="mt-1 flex min-w-0 items-center gap-1 text-base font-semibold">
              {folders.map((f, i) => (
                <span key={folders.slice(0, i + 1).join("/")} className="flex items-center gap-1 font-normal text-muted-foreground">
                  <Link href={routes.datasetFolder(folders.slice(0, i + 1).join("/"))} className="hover:underline">
                    {f}
                  </Link>
                  <ChevronRight className="h-3.5 w-3.5" />
                </span>
              ))}
              <span className="truncate">{d.name.split("/").at(-1)}</span>
            </h1>
            {d.description ? <p className="mt-0.5 text-sm text-muted-foreground">{d.description}</p> : null}
            <dl className="mt-2 flex flex-wrap gap-x-6 gap-y-1">
              <Stat label="Items">{formatTokens(d.itemCount)}</Stat>
              <Stat label="Runs">{formatTokens(d.runCount)}</Stat>
              <Stat label="Input schema">{d.inputSchema ? "validated" : "none"}</Stat>
              <Stat label="Expected output schema">{d.expectedOutputSchema ? "validated" : "none"}</Stat>
              <Stat label="Created">
                <RelativeTime iso={d.createdAt} />
              </Stat>
            </dl>
          </>
        ) : (
          <Skeleton className="mt-2 h-12 w-2/3" />
        )}
      </header>
      <div className="flex flex-1 flex-col gap-6 p-5">
        <ExperimentsPanel projectId={projectId} datasetId={datasetId} canRun={canImport} />
        <section aria-labelledby="runs-heading">
          <h2 id="runs-heading" className="mb-2 text-sm font-semibold">
            Runs
          </h2>
          {detail.data ? (
            <RunsList projectId={projectId} datasetId={datasetId} runs={detail.data.runs} />
          ) : (
            <Skeleton className="h-16 w-full" />
          )}
        </section>
        <section aria-labelledby="items-heading">
          <h2 id="items-heading" className="mb-2 text-sm font-semibold">
            Items
          </h2>
          <DataTable
            columns={itemColumns(projectId, { label: canImport ? "Edit" : "View", onOpen: setEditing })}
            query={items}
            errorTitle="Could not load items"
            empty={
              <EmptyState icon={<ListChecks className="h-6 w-6 text-accent" />} title="No items yet">
                Import them from a CSV or JSON Lines file, or add them with{" "}
                <code className="font-mono">POST /api/public/dataset-items</code> or the SDK's{" "}
                <code className="font-mono">createDatasetItem</code>.
              </EmptyState>
            }
            noun="item"
            rowKey={(i) => i.id}
            rowTestId="dataset-item-row"
            onPageChange={setPage}
            minWidth={720}
          />
        </section>
      </div>
    </div>
  );
}
