"use client";

import { type TDatasetSummary, ZQueryString } from "@loupe/contracts";
import { type FolderEntry, listFolder } from "@loupe/domain";
import { Database, Plus } from "lucide-react";
import { useMemo, useState } from "react";
import { z } from "zod";
import { ListPage } from "@/components/layout/list-page";
import { Button } from "@/components/ui/button";
import { CodeSnippet } from "@/components/ui/code-snippet";
import type { Column } from "@/components/ui/data-table";
import { FolderTable } from "@/components/ui/folder-table";
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
type Entry = FolderEntry<TDatasetSummary>;

const COLUMNS: Column<TDatasetSummary>[] = [
  {
    header: "Description",
    hideWhenNarrow: true,
    className: "max-w-[320px] truncate text-muted-foreground",
    title: (d) => d.description ?? undefined,
    cell: (d) => d.description,
  },
  { header: "Items", numeric: true, cell: (d) => formatTokens(d.itemCount) },
  { header: "Runs", numeric: true, cell: (d) => formatTokens(d.runCount) },
  { header: "Last run", className: "text-muted-foreground", cell: (d) => (d.lastRunAt ? <RelativeTime iso={d.lastRunAt} /> : "") },
  { header: "Created", hideWhenNarrow: true, className: "text-muted-foreground", cell: (d) => <RelativeTime iso={d.createdAt} /> },
];

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
  const routes = projectRoutes(projectId);
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
      <FolderTable
        folder={folder}
        rootLabel="All datasets"
        onOpenFolder={(path) => view.set({ folder: path })}
        entries={entries}
        list={list}
        itemNoun={["dataset", "datasets"]}
        itemIcon={() => <Database className="h-4 w-4 shrink-0 text-muted-foreground" />}
        itemKey={(d) => d.id}
        itemHref={(d) => routes.dataset(d.id)}
        folderHref={(path) => routes.datasetFolder(path)}
        nameClassName="max-w-[360px]"
        linkTestId="dataset-link"
        columns={COLUMNS}
        errorTitle="Could not load datasets"
        empty={
          <EmptyState icon={<Database className="h-6 w-6 text-accent" />} title="No datasets yet">
            <SdkGuide />
          </EmptyState>
        }
        noun="row"
        rowTestId="dataset-row"
        minWidth={640}
      />
    </ListPage>
  );
}
