"use client";

import { type TPromptListItem, ZPromptListQuery, ZQueryString } from "@loupe/contracts";
import { type FolderEntry, listFolder } from "@loupe/domain";
import { FileText, MessagesSquare, Plus, ScrollText } from "lucide-react";
import Link from "next/link";
import { useMemo } from "react";
import { ListPage } from "@/components/layout/list-page";
import { Badge } from "@/components/ui/badge";
import { CodeSnippet } from "@/components/ui/code-snippet";
import type { Column } from "@/components/ui/data-table";
import { FolderTable } from "@/components/ui/folder-table";
import { Input } from "@/components/ui/input";
import { RelativeTime } from "@/components/ui/relative-time";
import { EmptyState } from "@/components/ui/states";
import { formatTokens } from "@/lib/shared/format";
import { useHasRole } from "@/lib/client/project-role";
import { projectRoutes } from "@/lib/shared/routes";
import { useListQuery } from "@/lib/client/use-list-query";
import { PendingReleases } from "./components/pending-releases";
import { usePromptList } from "./hooks/use-prompts";
import { useOrigin } from "@/lib/client/use-origin";

const ZPromptsView = ZPromptListQuery.extend({ folder: ZQueryString });
type Entry = FolderEntry<TPromptListItem>;

const COLUMNS: Column<TPromptListItem>[] = [
  { header: "Type", className: "text-muted-foreground", cell: (p) => p.type },
  {
    header: "Labels",
    className: "max-w-[260px]",
    cell: (p) => (
      <span className="flex flex-wrap gap-1">
        {p.labels.map((l) => (
          <Badge key={l} tone={l === "production" ? "accent" : "neutral"}>
            {l}
          </Badge>
        ))}
      </span>
    ),
  },
  { header: "Tags", hideWhenNarrow: true, className: "max-w-[200px] truncate text-muted-foreground", cell: (p) => p.tags.join(", ") },
  { header: "Versions", numeric: true, cell: (p) => p.versionCount },
  { header: "Uses (7 days)", numeric: true, hideWhenNarrow: true, cell: (p) => formatTokens(p.usage7d) },
  { header: "Last change", className: "text-muted-foreground", cell: (p) => <RelativeTime iso={p.lastUpdatedAt} /> },
];

function FetchGuide() {
  const host = useOrigin();
  return (
    <div className="flex flex-col gap-3 text-left">
      <p>
        Write a prompt here, label a version <code className="font-mono">production</code>, and your app fetches it by name. Set{" "}
        <code className="font-mono">LANGFUSE_PUBLIC_KEY</code> and <code className="font-mono">LANGFUSE_SECRET_KEY</code> from Settings →
        API keys.
      </p>
      <CodeSnippet
        title="TypeScript · @langfuse/client"
        code={`import { LangfuseClient } from "@langfuse/client";

const langfuse = new LangfuseClient({ baseUrl: "${host}" });
const prompt = await langfuse.prompt.get("support/triage"); // label "production"
const messages = prompt.compile({ customer: "Ada" });`}
      />
      <CodeSnippet
        title="TypeScript · langfuse (v3)"
        code={`import { Langfuse } from "langfuse";

const langfuse = new Langfuse({ baseUrl: "${host}" });
const prompt = await langfuse.getPrompt("support/triage");
const text = prompt.compile({ customer: "Ada" });`}
      />
    </div>
  );
}

export function PromptsPage({ projectId }: { projectId: string }) {
  const view = useListQuery(ZPromptsView);
  const folder = view.query?.folder ?? "";
  const { folder: _folder, ...filter } = view.query ?? {};
  const list = usePromptList(projectId, filter);
  const canWrite = useHasRole("MEMBER");
  const filtering = Boolean(filter.search || filter.label || filter.tag || filter.type);

  // While searching or filtering, every match is listed by its full name; otherwise one folder level.
  const entries = useMemo<Entry[]>(() => {
    const items = list.data?.data ?? [];
    return filtering ? items.map((item) => ({ kind: "prompt", item })) : listFolder(items, folder);
  }, [list.data, folder, filtering]);
  const routes = projectRoutes(projectId);
  const labels = [...new Set((list.data?.data ?? []).flatMap((p) => p.labels))].sort();
  const tags = [...new Set((list.data?.data ?? []).flatMap((p) => p.tags))].sort();

  return (
    <ListPage
      title="Prompts"
      intro="Versioned prompts your apps fetch by name"
      noun="prompt"
      query={list}
      actions={
        canWrite ? (
          <Link
            href={routes.newPrompt}
            className="inline-flex h-7 items-center gap-1.5 rounded-md bg-accent px-2.5 text-xs font-medium text-accent-foreground hover:opacity-90"
          >
            <Plus className="h-3.5 w-3.5" /> New prompt
          </Link>
        ) : null
      }
    >
      <PendingReleases projectId={projectId} />
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <Input
          aria-label="Search prompts"
          placeholder="Search names…"
          className="h-8 w-64"
          value={view.raw.search ?? ""}
          onChange={(e) => view.set({ search: e.target.value })}
        />
        <select
          aria-label="Filter by label"
          className="h-8 rounded-md border bg-background px-2 text-sm"
          value={view.raw.label ?? ""}
          onChange={(e) => view.set({ label: e.target.value })}
        >
          <option value="">Any label</option>
          {labels.map((l) => (
            <option key={l}>{l}</option>
          ))}
        </select>
        <select
          aria-label="Filter by tag"
          className="h-8 rounded-md border bg-background px-2 text-sm"
          value={view.raw.tag ?? ""}
          onChange={(e) => view.set({ tag: e.target.value })}
        >
          <option value="">Any tag</option>
          {tags.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
        <select
          aria-label="Filter by type"
          className="h-8 rounded-md border bg-background px-2 text-sm"
          value={view.raw.type ?? ""}
          onChange={(e) => view.set({ type: e.target.value })}
        >
          <option value="">Chat and text</option>
          <option value="chat">Chat</option>
          <option value="text">Text</option>
        </select>
      </div>
      <FolderTable
        folder={folder}
        rootLabel="All prompts"
        onOpenFolder={(path) => view.set({ folder: path })}
        showBreadcrumb={!filtering}
        entries={entries}
        list={list}
        itemNoun={["prompt", "prompts"]}
        itemIcon={(p) =>
          p.type === "chat" ? (
            <MessagesSquare className="h-4 w-4 shrink-0 text-muted-foreground" />
          ) : (
            <FileText className="h-4 w-4 shrink-0 text-muted-foreground" />
          )
        }
        itemKey={(p) => p.name}
        itemHref={(p) => routes.prompt(p.name)}
        folderHref={(path) => routes.promptFolder(path)}
        nameClassName="max-w-[420px]"
        linkTestId="prompt-link"
        columns={COLUMNS}
        errorTitle="Could not load prompts"
        empty={
          filtering ? (
            <EmptyState title="No prompt matches these filters" />
          ) : (
            <EmptyState icon={<ScrollText className="h-6 w-6 text-accent" />} title="No prompts yet">
              <FetchGuide />
            </EmptyState>
          )
        }
        noun="entry"
        rowTestId="prompt-row"
        minWidth={720}
      />
    </ListPage>
  );
}
