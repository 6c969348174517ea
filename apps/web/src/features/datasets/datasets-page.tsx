"use client";

import { type TDatasetSummary, ZQueryString } from "@loupe/contracts";
import { type FolderEntry, listFolder } from "@loupe/domain";
import { Database, Folder, Plus } from "lucide-react";
import Link from "next/link";
import { useMemo, useState } from "react";
import { z } from "zod";
import { ListPage } from "@/components/layout/list-page";
import { FolderBreadcrumb } from "@/components/ui/folder-breadcrumb";
import { Button } from "@/components/ui/button";
import { CodeSnippet } from "@/components/ui/code-snippet";
import { type Column, DataTable } from "@/components/ui/data-table";
import { RelativeTime } from "@/components/ui/relative-time";
import { EmptyState } from "@/components/ui/states";
import { formatTokens } from "@/lib/shared/format";
import { projectRoutes } from "@/lib/shared/routes";
import { useHasRole } from "@/lib/client/project-role";
import { useListQuery } from "@/lib/client/use-list-query";
import { NewDatasetDialog } from "./components/new-dataset-dialog";
import { useDatasets } from "./hooks/use-datasets";
import { useOrigin } from "@/lib/client/use-origin";

const ZDatasetsView = z.object({ folder: ZQueryString });
// listFolder (shared with prompts) calls a leaf entry "prompt"; here it is a dataset.
type Entry = FolderEntry<TDatasetSummary>;

function columns(projectId: string, openFolder: (path: string) => void): Column<Entry>[] {
  const routes = projectRoutes(projectId);
  return [
    {
      header: "Name",
      className: "max-w-[360px]",
      cell: (e) =>
        e.kind === "folder" ? (
          <button type="button" className="flex items-center gap-2 font-medium hover:underline" onClick={() => openFolder(e.path)}>
            <Folder className="h-4 w-4 text-muted-foreground" />
            {e.name}
            <span className="text-xs font-normal text-muted-foreground">
              {e.count} {e.count === 1 ? "dataset" : "datasets"}
            </span>
          </button>
        ) : (
          <Link
            href={routes.dataset(e.item.id)}
            className="flex min-w-0 items-center gap-2 font-medium hover:underline"
            data-testid="dataset-link"
          >
            <Database className="h-4 w-4 shrink-0 text-muted-foreground" />
            <span className="truncate">{e.item.name.split("/").at(-1)}</span>
          </Link>
        ),
    },
    {
      header: "Description",
      hideWhenNarrow: true,
      className: "max-w-[320px] truncate text-muted-foreground",
      title: (e) => (e.kind === "prompt" ? (e.item.description ?? undefined) : undefined),
      cell: (e) => (e.kind === "prompt" ? e.item.description : ""),
    },
    { header: "Items", numeric: true, cell: (e) => (e.kind === "prompt" ? formatTokens(e.item.itemCount) : "") },
    { header: "Runs", numeric: true, cell: (e) => (e.kind === "prompt" ? formatTokens(e.item.runCount) : "") },
    {
      header: "Last run",
      className: "text-muted-foreground",
      cell: (e) => (e.kind === "prompt" && e.item.lastRunAt ? <RelativeTime iso={e.item.lastRunAt} /> : ""),
    },
    {
      header: "Created",
      hideWhenNarrow: true,
      className: "text-muted-foreground",
      cell: (e) => (e.kind === "prompt" ? <RelativeTime iso={e.item.createdAt} /> : ""),
    },
  ];
}

function SdkGuide() {
  const host = useOrigin();
  return (
    <div className="flex flex-col gap-3 text-left">
      <p>
        Create one here and import its items from a CSV or JSON Lines file, or create it from code; then run your app over it: every run
        links each item to the trace it produced.
      </p>
      <CodeSnippet
        title="TypeScript · @langfuse/client"
        code={`import { LangfuseClient } from "@langfuse/client";

const langfuse = new LangfuseClient({ baseUrl: "${host}" });
await langfuse.api.datasets.create({ name: "evals/qa" });
await langfuse.api.datasetItems.create({
  datasetName: "evals/qa",
  input: { question: "2+2?" },
  expectedOutput: "4",
});

const dataset = await langfuse.dataset.get("evals/qa");
await dataset.runExperiment({
  name: "baseline",
  task: async (item) => answer(item.input),
});`}
      />
    </div>
  );
}

export function DatasetsPage({ projectId }: { projectId: string }) {
  const view = useListQuery(ZDatasetsView);
  const folder = view.query?.folder ?? "";
  const list = useDatasets(projectId);
  const canCreate = useHasRole("MEMBER");
  const [creating, setCreating] = useState(false);
  const entries = useMemo<Entry[]>(() => listFolder(list.data?.data ?? [], folder), [list.data, folder]);
  const tableQuery = {
    data: list.data
      ? { data: entries, meta: { page: 1, limit: Math.max(entries.length, 1), totalItems: entries.length, totalPages: 1 } }
      : undefined,
    isPending: list.isPending,
    error: list.error,
    refetch: list.refetch,
  };
  // The header counts datasets, not the folder's entries.
  const listQuery = {
    data: list.data ? { meta: { totalItems: list.data.data.length } } : undefined,
    isFetching: list.isFetching,
    refetch: list.refetch,
  };

  return (
    <ListPage
      title="Datasets"
      intro="Test cases your experiments run over; a / in a name makes a folder"
      noun="dataset"
      query={listQuery}
      actions={
        canCreate ? (
          <Button size="sm" onClick={() => setCreating(true)}>
            <Plus className="h-3.5 w-3.5" aria-hidden /> New dataset
          </Button>
        ) : null
      }
    >
      {creating ? <NewDatasetDialog projectId={projectId} folder={folder} onClose={() => setCreating(false)} /> : null}
      {folder ? <FolderBreadcrumb folder={folder} rootLabel="All datasets" onOpen={(path) => view.set({ folder: path })} /> : null}
      <DataTable
        columns={columns(projectId, (path) => view.set({ folder: path }))}
        query={tableQuery}
        errorTitle="Could not load datasets"
        empty={
          <EmptyState icon={<Database className="h-6 w-6 text-accent" />} title="No datasets yet">
            <SdkGuide />
          </EmptyState>
        }
        noun="row"
        rowKey={(e) => (e.kind === "folder" ? `folder:${e.path}` : e.item.id)}
        rowHref={(e) =>
          e.kind === "prompt" ? projectRoutes(projectId).dataset(e.item.id) : projectRoutes(projectId).datasetFolder(e.path)
        }
        rowTestId="dataset-row"
        onPageChange={() => undefined}
        minWidth={640}
      />
    </ListPage>
  );
}
