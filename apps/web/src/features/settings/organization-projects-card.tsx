"use client";

import { type TOrganizationProjects, ZMovedProject, ZOrganizationProjects, ZOrganizationSummary } from "@loupe/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { FolderKanban, Plus } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { RelativeTime } from "@/components/ui/relative-time";
import { ErrorState } from "@/components/ui/states";
import { apiFetch } from "@/lib/client/api-client";
import { queryKeys } from "@/lib/client/query-keys";
import { formatCount } from "@/lib/shared/format";
import { projectRoutes } from "@/lib/shared/routes";

type Project = TOrganizationProjects["projects"][number];

/** A one-field dialog: a name to create or rename with, the server's refusal shown in place. */
function NameDialog({
  title,
  initial,
  submitLabel,
  onSubmit,
  onClose,
}: {
  title: string;
  initial: string;
  submitLabel: string;
  onSubmit: (name: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const [name, setName] = useState(initial);
  const save = useMutation({ mutationFn: () => onSubmit(name.trim()), onSuccess: onClose });
  return (
    <ModalDialog
      title={title}
      onClose={onClose}
      footer={(close) => (
        <>
          <Button variant="secondary" size="sm" onClick={close}>
            Cancel
          </Button>
          <Button size="sm" type="submit" form="name-form" disabled={save.isPending || name.trim().length < 3}>
            {save.isPending ? "Saving…" : submitLabel}
          </Button>
        </>
      )}
    >
      <form
        id="name-form"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
        className="space-y-2"
      >
        <label className="flex flex-col gap-1 text-xs text-muted-foreground">
          Name (3 to 60 characters)
          <Input value={name} maxLength={60} autoFocus onChange={(e) => setName(e.target.value)} />
        </label>
        {save.isError ? (
          <p role="alert" className="text-sm text-danger">
            {save.error.message}
          </p>
        ) : null}
      </form>
    </ModalDialog>
  );
}

/** Deleting asks for the project's name, typed; the worker then removes its data in batches. */
function DeleteProjectDialog({ project, onDeleted, onClose }: { project: Project; onDeleted: () => void; onClose: () => void }) {
  const [typed, setTyped] = useState("");
  const remove = useMutation({
    mutationFn: () =>
      apiFetch(z.object({ deleting: z.boolean() }), `/api/internal/projects/${encodeURIComponent(project.id)}`, {
        method: "DELETE",
        body: { confirmName: typed },
      }),
    onSuccess: () => {
      onDeleted();
      onClose();
    },
  });
  return (
    <ModalDialog
      title="Delete project"
      description="Its traces, prompts, datasets, keys and settings are deleted for good. The audit log keeps its entries."
      onClose={onClose}
      footer={(close) => (
        <>
          <Button variant="secondary" size="sm" onClick={close}>
            Cancel
          </Button>
          <Button variant="danger" size="sm" disabled={typed !== project.name || remove.isPending} onClick={() => remove.mutate()}>
            {remove.isPending ? "Deleting…" : "Delete project"}
          </Button>
        </>
      )}
    >
      <label className="flex flex-col gap-1 text-sm">
        <span>
          Type <strong className="break-words">{project.name}</strong> to confirm.
        </span>
        <Input value={typed} aria-label="Project name to confirm" autoFocus onChange={(e) => setTyped(e.target.value)} />
      </label>
      {remove.isError ? (
        <p role="alert" className="mt-2 text-sm text-danger">
          {remove.error.message}
        </p>
      ) : null}
    </ModalDialog>
  );
}

type OrganizationChoice = { id: string; name: string };

/** Moving takes the project's data, keys and settings along; its per-project roles stay behind (they are memberships here). */
function MoveProjectDialog({
  project,
  organizationName,
  targets,
  moveUrl,
  onMoved,
  onClose,
}: {
  project: Project;
  organizationName: string;
  targets: OrganizationChoice[];
  moveUrl: string;
  onMoved: () => void;
  onClose: () => void;
}) {
  const [target, setTarget] = useState(targets[0]?.id ?? "");
  const move = useMutation({
    mutationFn: () => apiFetch(ZMovedProject, moveUrl, { method: "POST", body: { organizationId: target } }),
    onSuccess: () => {
      onMoved();
      onClose();
    },
  });
  return (
    <ModalDialog
      title={`Move ${project.name}`}
      description="Its traces, prompts, datasets, API keys and settings move with it, and its apps keep sending data with the same keys."
      onClose={onClose}
      footer={(close) => (
        <>
          <Button variant="secondary" size="sm" onClick={close}>
            Cancel
          </Button>
          <Button size="sm" disabled={!target || move.isPending} onClick={() => move.mutate()}>
            {move.isPending ? "Moving…" : "Move project"}
          </Button>
        </>
      )}
    >
      <div className="space-y-3 text-sm">
        <label className="flex flex-col gap-1 text-xs text-muted-foreground">
          Move to organization
          <select
            className="h-8 w-full rounded-md border bg-background px-2 text-sm text-foreground"
            value={target}
            onChange={(e) => setTarget(e.target.value)}
          >
            {targets.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <p className="text-xs text-muted-foreground">
          Who can open it changes: the members of the new organization get their roles there, and roles given for this project in{" "}
          <span className="break-words">{organizationName}</span> are removed. {organizationName}'s organization API keys no longer reach
          it.
        </p>
        {move.isError ? (
          <p role="alert" className="text-sm text-danger">
            {move.error.message}
          </p>
        ) : null}
      </div>
    </ModalDialog>
  );
}

function DeletionProgress({ deleting }: { deleting: TOrganizationProjects["deleting"] }) {
  if (deleting.length === 0) return null;
  return (
    <ul className="space-y-2" aria-label="Projects being deleted">
      {deleting.map((p) => {
        const percent = p.tracesTotal === 0 ? 100 : Math.round((p.tracesDone / p.tracesTotal) * 100);
        return (
          <li key={p.id} className="rounded-md border border-danger/30 bg-danger-soft/40 p-2 text-xs">
            <div className="flex items-center justify-between gap-2">
              <span className="truncate">
                Deleting <strong>{p.name}</strong>
              </span>
              <span className="tabular text-muted-foreground">
                {formatCount(p.tracesDone, "trace")} of {formatCount(p.tracesTotal, "trace")}
              </span>
            </div>
            <div
              className="mt-1 h-1.5 overflow-hidden rounded bg-muted"
              role="progressbar"
              aria-valuenow={percent}
              aria-valuemin={0}
              aria-valuemax={100}
            >
              <div className="h-full bg-danger transition-all" style={{ width: `${percent}%` }} />
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/** The organization's name and projects: create, rename, delete (ADMIN and OWNER; the routes check it too). */
export function OrganizationProjectsCard({
  organization,
  currentProjectId,
  mayCreateOrganizations,
  moveTargets,
}: {
  organization: { id: string; name: string };
  currentProjectId: string;
  /** Whether this person may create organizations (LANGFUSE_ALLOWED_ORGANIZATION_CREATORS). */
  mayCreateOrganizations: boolean;
  /** The caller's other organizations where they are ADMIN or OWNER: where a project can move. */
  moveTargets: OrganizationChoice[];
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<
    | { kind: "create" }
    | { kind: "rename"; project: Project }
    | { kind: "move"; project: Project }
    | { kind: "delete"; project: Project }
    | { kind: "org" }
    | null
  >(null);
  const orgUrl = `/api/internal/organizations/${encodeURIComponent(organization.id)}`;
  const key = queryKeys.organizationProjects(organization.id);
  const projects = useQuery({
    queryKey: key,
    queryFn: () => apiFetch(ZOrganizationProjects, `${orgUrl}/projects`),
    // While a deletion runs, its progress is polled.
    refetchInterval: (query) => ((query.state.data?.deleting.length ?? 0) > 0 ? 2_000 : false),
  });
  const changed = async () => {
    await queryClient.invalidateQueries({ queryKey: key });
    router.refresh();
  };
  const close = () => setDialog(null);
  return (
    <section className="space-y-3 rounded-lg border p-4" aria-labelledby="org-projects-title">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 id="org-projects-title" className="flex items-center gap-2 text-sm font-semibold">
            <FolderKanban className="h-4 w-4 text-accent" /> Projects of <span className="truncate">{organization.name}</span>
          </h2>
          <p className="mt-1 text-xs text-muted-foreground">
            Each project has its own traces, prompts, datasets and API keys.{" "}
            {mayCreateOrganizations ? (
              <Link href="/onboarding" className="underline">
                New organization
              </Link>
            ) : null}
          </p>
        </div>
        <div className="flex gap-2">
          <Button variant="secondary" size="sm" onClick={() => setDialog({ kind: "org" })}>
            Rename organization
          </Button>
          <Button size="sm" onClick={() => setDialog({ kind: "create" })}>
            <Plus className="h-3.5 w-3.5" /> New project
          </Button>
        </div>
      </div>
      {projects.isError ? (
        <ErrorState title="Could not load the projects" error={projects.error} onRetry={() => projects.refetch()} />
      ) : (
        <>
          <DeletionProgress deleting={projects.data?.deleting ?? []} />
          <div className="overflow-x-auto rounded-lg border">
            <table className="w-full text-[13px]">
              <thead className="bg-panel text-xs text-muted-foreground">
                <tr>
                  <th className="h-8 px-3 text-left font-medium">Project</th>
                  <th className="h-8 px-3 text-left font-medium">Created</th>
                  <th className="h-8 px-3" />
                </tr>
              </thead>
              <tbody>
                {(projects.data?.projects ?? []).map((p) => (
                  <tr key={p.id} data-testid="project-row" className="h-9 border-t">
                    <td className="max-w-72 px-3">
                      <Link href={projectRoutes(p.id).traces} className="block truncate hover:underline" title={p.name}>
                        {p.name}
                      </Link>
                    </td>
                    <td className="px-3 text-muted-foreground">
                      <RelativeTime iso={p.createdAt} />
                    </td>
                    <td className="px-3 text-right whitespace-nowrap">
                      <Button
                        variant="ghost"
                        size="sm"
                        onClick={() => setDialog({ kind: "rename", project: p })}
                        aria-label={`Rename ${p.name}`}
                      >
                        Rename
                      </Button>
                      {moveTargets.length > 0 ? (
                        <Button
                          variant="ghost"
                          size="sm"
                          onClick={() => setDialog({ kind: "move", project: p })}
                          aria-label={`Move ${p.name}`}
                        >
                          Move
                        </Button>
                      ) : null}
                      <Button
                        variant="danger"
                        size="sm"
                        onClick={() => setDialog({ kind: "delete", project: p })}
                        aria-label={`Delete ${p.name}`}
                      >
                        Delete
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {dialog?.kind === "create" ? (
        <NameDialog
          title="New project"
          initial=""
          submitLabel="Create project"
          onClose={close}
          onSubmit={async (name) => {
            await apiFetch(z.object({ id: z.string() }), `${orgUrl}/projects`, { method: "POST", body: { name } });
            await changed();
          }}
        />
      ) : null}
      {dialog?.kind === "rename" ? (
        <NameDialog
          title="Rename project"
          initial={dialog.project.name}
          submitLabel="Rename"
          onClose={close}
          onSubmit={async (name) => {
            await apiFetch(z.object({ id: z.string() }), `/api/internal/projects/${encodeURIComponent(dialog.project.id)}`, {
              method: "PATCH",
              body: { name },
            });
            await changed();
          }}
        />
      ) : null}
      {dialog?.kind === "org" ? (
        <NameDialog
          title="Rename organization"
          initial={organization.name}
          submitLabel="Rename"
          onClose={close}
          onSubmit={async (name) => {
            await apiFetch(ZOrganizationSummary, orgUrl, { method: "PATCH", body: { name } });
            router.refresh();
          }}
        />
      ) : null}
      {dialog?.kind === "move" ? (
        <MoveProjectDialog
          project={dialog.project}
          organizationName={organization.name}
          targets={moveTargets}
          moveUrl={`${orgUrl}/projects/${encodeURIComponent(dialog.project.id)}/move`}
          onClose={close}
          onMoved={() => {
            // The current project now lives in the other organization: its settings page is the one to show.
            if (dialog.project.id === currentProjectId) router.refresh();
            else void changed();
          }}
        />
      ) : null}
      {dialog?.kind === "delete" ? (
        <DeleteProjectDialog
          project={dialog.project}
          onClose={close}
          onDeleted={() => {
            if (dialog.project.id === currentProjectId) router.push("/");
            else void changed();
          }}
        />
      ) : null}
    </section>
  );
}
