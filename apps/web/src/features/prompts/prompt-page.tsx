"use client";

import { PRODUCTION_LABEL, type TPromptDetail, type TPromptVersionView } from "@loupe/contracts";
import { FlaskConical, GitCompare, Pencil, Rocket, Tag } from "lucide-react";
import Link from "next/link";
import { parseAsInteger, parseAsString, useQueryStates } from "nuqs";
import { useState } from "react";
import { PageHeader } from "@/components/layout/app-shell";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CodeSnippet } from "@/components/ui/code-snippet";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { RelativeTime } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { ErrorState } from "@/components/ui/states";
import { cn } from "@/lib/shared/cn";
import { useHasRole } from "@/lib/client/project-role";
import { projectRoutes } from "@/lib/shared/routes";
import { RequestRow } from "./components/pending-releases";
import { PromoteDialog } from "./components/promote-dialog";
import { ConfigView, PromptContent } from "./components/prompt-content";
import { VersionDiff } from "./components/version-diff";
import { VersionEditor } from "./components/version-editor";
import { CompareMetrics, VersionGenerations } from "./components/version-generations";
import { useCreateVersion, useMoveLabels, usePromptDetail, useRequestMove } from "./hooks/use-prompts";
import { CommentsPanel } from "@/features/comments";

const TABS = ["content", "config", "generations", "compare", "code"] as const;

function LabelBadges({ labels, protectedLabels }: { labels: string[]; protectedLabels: string[] }) {
  return (
    <span className="flex flex-wrap gap-1">
      {labels.map((l) => (
        <Badge
          key={l}
          tone={l === PRODUCTION_LABEL ? "accent" : "neutral"}
          title={protectedLabels.includes(l) ? "protected label" : undefined}
        >
          {l}
        </Badge>
      ))}
    </span>
  );
}

function Timeline({ detail, selected, onSelect }: { detail: TPromptDetail; selected: number; onSelect: (v: number) => void }) {
  return (
    <ol className="flex flex-col" aria-label="Versions">
      {detail.versions.map((v) => (
        <li key={v.id}>
          <button
            type="button"
            onClick={() => onSelect(v.version)}
            aria-current={v.version === selected}
            data-testid="version-item"
            className={cn(
              "w-full border-l-2 px-3 py-2 text-left hover:bg-muted",
              v.version === selected ? "border-l-accent bg-muted" : "border-l-transparent",
            )}
          >
            <div className="flex items-center gap-2">
              <span className="font-mono text-xs font-semibold">v{v.version}</span>
              <LabelBadges labels={v.labels} protectedLabels={detail.protectedLabels} />
            </div>
            <div className="mt-0.5 truncate text-sm">
              {v.commitMessage || <span className="text-muted-foreground">No commit message</span>}
            </div>
            <div className="text-xs text-muted-foreground">
              {v.createdBy} · <RelativeTime iso={v.createdAt} />
            </div>
          </button>
        </li>
      ))}
    </ol>
  );
}

function LabelControls({
  projectId,
  detail,
  version,
  onCompare,
}: {
  projectId: string;
  detail: TPromptDetail;
  version: TPromptVersionView;
  onCompare: () => void;
}) {
  const isAdmin = useHasRole("ADMIN");
  const canWrite = useHasRole("MEMBER");
  const move = useMoveLabels(projectId, detail.name);
  const request = useRequestMove(projectId, detail.name);
  const [promote, setPromote] = useState<string | null>(null);
  const [custom, setCustom] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  if (!canWrite) return null;

  const isProtected = (label: string) => detail.protectedLabels.includes(label);
  const holder = (label: string) => detail.versions.find((v) => v.labels.includes(label));
  const confirm = async (label: string) => {
    setNotice(null);
    if (isProtected(label) && !isAdmin) {
      await request.mutateAsync({ version: version.version, label });
      setNotice(`Requested '${label}' for version ${version.version}; an admin approves it.`);
    } else {
      await move.mutateAsync({ version: version.version, labels: [label] });
    }
    setPromote(null);
  };
  const hasProduction = version.labels.includes(PRODUCTION_LABEL);
  const current = holder(PRODUCTION_LABEL);
  return (
    <div className="flex flex-wrap items-center gap-2">
      {hasProduction ? null : (
        <Button size="sm" onClick={() => setPromote(PRODUCTION_LABEL)}>
          <Rocket className="h-3.5 w-3.5" />
          {isProtected(PRODUCTION_LABEL) && !isAdmin
            ? "Request production"
            : current && current.version > version.version
              ? "Roll back to this version"
              : "Promote to production"}
        </Button>
      )}
      <form
        className="flex items-center gap-1"
        onSubmit={(e) => {
          e.preventDefault();
          if (custom.trim()) setPromote(custom.trim());
        }}
      >
        <Input
          aria-label="Label to add"
          className="h-7 w-32 text-xs"
          placeholder="staging"
          value={custom}
          onChange={(e) => setCustom(e.target.value)}
        />
        <Button size="sm" variant="secondary" type="submit">
          <Tag className="h-3.5 w-3.5" /> Add label
        </Button>
      </form>
      <Button size="sm" variant="secondary" onClick={onCompare}>
        <GitCompare className="h-3.5 w-3.5" /> Compare
      </Button>
      {notice ? (
        <span className="text-xs text-muted-foreground" role="status">
          {notice}
        </span>
      ) : null}
      {promote ? (
        <PromoteDialog
          label={promote}
          target={version}
          current={holder(promote)}
          asRequest={isProtected(promote) && !isAdmin}
          pending={move.isPending || request.isPending}
          error={move.error?.message ?? request.error?.message ?? null}
          onConfirm={() => confirm(promote).catch(() => undefined)}
          onClose={() => {
            setPromote(null);
            move.reset();
            request.reset();
          }}
        />
      ) : null}
    </div>
  );
}

function codeSnippets(name: string, version: TPromptVersionView) {
  const production = version.labels.includes(PRODUCTION_LABEL);
  const chat = version.type === "chat";
  const options = [!production && `version: ${version.version}`, chat && 'type: "chat"'].filter(Boolean).join(", ");
  const v3Args = `${production ? (chat ? ", undefined" : "") : `, ${version.version}`}${chat ? ', { type: "chat" }' : ""}`;
  const compile = "const compiled = prompt.compile({ /* variables */ });";
  return [
    {
      title: "TypeScript · @langfuse/client",
      code: `const prompt = await langfuse.prompt.get(${JSON.stringify(name)}${options ? `, { ${options} }` : ""});\n${compile}`,
    },
    { title: "TypeScript · langfuse (v3)", code: `const prompt = await langfuse.getPrompt(${JSON.stringify(name)}${v3Args});\n${compile}` },
  ];
}

export function PromptPage({ projectId, name }: { projectId: string; name: string }) {
  const detail = usePromptDetail(projectId, name);
  const [state, setState] = useQueryStates(
    { version: parseAsInteger, compare: parseAsInteger, tab: parseAsString, edit: parseAsString },
    { history: "replace" },
  );
  const create = useCreateVersion(projectId);
  const canWrite = useHasRole("MEMBER");

  if (detail.isPending) {
    return (
      <div className="p-5">
        <Skeleton className="h-8 w-64" />
        <Skeleton className="mt-4 h-64 w-full" />
      </div>
    );
  }
  if (detail.error || !detail.data) {
    return (
      <div className="p-5">
        <ErrorState title={`Could not load prompt '${name}'`} error={detail.error ?? undefined} onRetry={() => detail.refetch()} />
      </div>
    );
  }
  const data = detail.data;
  const selected =
    data.versions.find((v) => v.version === state.version) ??
    data.versions.find((v) => v.labels.includes(PRODUCTION_LABEL)) ??
    data.versions[0];
  if (!selected) return null;
  const tab = TABS.find((t) => t === state.tab) ?? "content";
  const compareWith =
    data.versions.find((v) => v.version === state.compare) ?? data.versions.find((v) => v.version !== selected.version) ?? selected;
  const folders = name.split("/").slice(0, -1);

  return (
    <div className="flex min-h-screen flex-col">
      <PageHeader
        title={
          <span className="flex items-center gap-2">
            <Link href={projectRoutes(projectId).prompts} className="text-muted-foreground hover:underline">
              Prompts
            </Link>
            {folders.map((f, i) => (
              <span key={folders.slice(0, i + 1).join("/")} className="flex items-center gap-2 text-muted-foreground">
                /
                <Link href={projectRoutes(projectId).promptFolder(folders.slice(0, i + 1).join("/"))} className="hover:underline">
                  {f}
                </Link>
              </span>
            ))}
            <span className="text-muted-foreground">/</span>
            <span data-testid="prompt-title">{name.split("/").at(-1)}</span>
            <Badge>{data.type}</Badge>
            {data.tags.map((t) => (
              <Badge key={t}>#{t}</Badge>
            ))}
          </span>
        }
        description={`${data.versions.length} version${data.versions.length === 1 ? "" : "s"} · protected labels: ${data.protectedLabels.join(", ") || "none"}`}
        actions={
          canWrite && !state.edit ? (
            <Button size="sm" onClick={() => setState({ edit: "1" })}>
              <Pencil className="h-3.5 w-3.5" /> New version
            </Button>
          ) : null
        }
      />
      <div className="grid flex-1 grid-cols-1 md:grid-cols-[300px_1fr]">
        <aside className="border-b md:border-b-0 md:border-r">
          <Timeline detail={data} selected={selected.version} onSelect={(v) => setState({ version: v, edit: null })} />
          {data.requests.length > 0 ? (
            <section className="border-t" aria-label="Release history">
              <h2 className="px-3 pt-3 text-xs font-semibold uppercase tracking-wide text-muted-foreground">Releases</h2>
              <ul className="divide-y">
                {data.requests.map((r) => (
                  <RequestRow key={r.id} projectId={projectId} request={r} />
                ))}
              </ul>
            </section>
          ) : null}
        </aside>
        <main className="min-w-0 p-5">
          {state.edit ? (
            <section aria-label="New version editor">
              <h2 className="mb-3 text-sm font-semibold">
                New version of {name} (from v{selected.version})
              </h2>
              <VersionEditor
                name={name}
                start={selected}
                onCancel={() => setState({ edit: null })}
                onSubmit={async (body) => {
                  const saved = await create.mutateAsync(body);
                  await setState({ edit: null, version: saved.version });
                }}
              />
            </section>
          ) : (
            <>
              <div className="mb-3 flex flex-wrap items-center gap-3">
                <h2 className="font-mono text-sm font-semibold">Version {selected.version}</h2>
                <LabelBadges labels={selected.labels} protectedLabels={data.protectedLabels} />
                <span className="flex-1" />
                <Link
                  href={projectRoutes(projectId).playground({ promptName: name, version: selected.version })}
                  className="inline-flex h-7 items-center gap-1.5 rounded-md border bg-background px-2.5 text-xs font-medium hover:bg-muted"
                  data-testid="open-in-playground"
                >
                  <FlaskConical className="h-3.5 w-3.5" /> Open in playground
                </Link>
                <LabelControls projectId={projectId} detail={data} version={selected} onCompare={() => setState({ tab: "compare" })} />
              </div>
              <div role="tablist" className="mb-3 flex gap-1 border-b">
                {TABS.map((t) => (
                  <button
                    key={t}
                    type="button"
                    role="tab"
                    aria-selected={tab === t}
                    onClick={() => setState({ tab: t })}
                    className={cn(
                      "-mb-px border-b-2 px-3 py-1.5 text-sm capitalize",
                      tab === t ? "border-accent font-medium" : "border-transparent text-muted-foreground hover:text-foreground",
                    )}
                  >
                    {t}
                  </button>
                ))}
              </div>
              {tab === "content" ? (
                <>
                  <PromptContent version={selected} />
                  <CommentsPanel projectId={projectId} objectType="PROMPT" objectId={selected.id} />
                </>
              ) : null}
              {tab === "config" ? <ConfigView config={selected.config} /> : null}
              {tab === "generations" ? <VersionGenerations projectId={projectId} name={name} version={selected.version} /> : null}
              {tab === "compare" ? (
                <div className="flex flex-col gap-3">
                  <label className="flex items-center gap-2 text-sm">
                    Compare with
                    <select
                      aria-label="Version to compare with"
                      className="h-8 rounded-md border bg-background px-2 text-sm"
                      value={compareWith.version}
                      onChange={(e) => setState({ compare: Number(e.target.value) })}
                    >
                      {data.versions.map((v) => (
                        <option key={v.version} value={v.version}>
                          v{v.version} {v.labels.length ? `(${v.labels.join(", ")})` : ""}
                        </option>
                      ))}
                    </select>
                  </label>
                  <CompareMetrics
                    projectId={projectId}
                    name={name}
                    left={Math.min(compareWith.version, selected.version)}
                    right={Math.max(compareWith.version, selected.version)}
                  />
                  <VersionDiff
                    from={compareWith.version < selected.version ? compareWith : selected}
                    to={compareWith.version < selected.version ? selected : compareWith}
                  />
                </div>
              ) : null}
              {tab === "code" ? (
                <div className="flex flex-col gap-3">
                  {codeSnippets(name, selected).map((s) => (
                    <CodeSnippet key={s.title} title={s.title} code={s.code} />
                  ))}
                </div>
              ) : null}
              <FormError message={create.error?.message ?? null} />
            </>
          )}
        </main>
      </div>
    </div>
  );
}
