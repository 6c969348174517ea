"use client";

import type { TLabelRequest } from "@loupe/contracts";
import { Check, Clock, X } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { RelativeTime } from "@/components/ui/relative-time";
import { useHasRole } from "@/lib/client/project-role";
import { projectRoutes } from "@/lib/shared/routes";
import { useDecideRequest, usePendingReleases } from "../hooks/use-prompts";

/** One release request: who asked for which label on which version; ADMIN+ decide it here. */
export function RequestRow({ projectId, request, showPrompt }: { projectId: string; request: TLabelRequest; showPrompt?: boolean }) {
  const canDecide = useHasRole("ADMIN");
  const decide = useDecideRequest(projectId);
  return (
    <li className="flex flex-wrap items-start gap-x-2 gap-y-1 px-3 py-2 text-sm" data-testid="release-request">
      {request.status === "PENDING" ? (
        <Clock className="mt-0.5 h-4 w-4 shrink-0 text-warning" />
      ) : request.status === "APPROVED" ? (
        <Check className="mt-0.5 h-4 w-4 shrink-0 text-emerald-600" />
      ) : (
        <X className="mt-0.5 h-4 w-4 shrink-0 text-danger" />
      )}
      <span className="min-w-0 flex-1">
        <Badge tone="accent">{request.label}</Badge> →{" "}
        {showPrompt ? (
          <Link className="font-medium hover:underline" href={projectRoutes(projectId).prompt(request.promptName, request.version)}>
            {request.promptName} v{request.version}
          </Link>
        ) : (
          <span className="font-medium">version {request.version}</span>
        )}
        <span className="text-muted-foreground">
          {" "}
          requested by {request.requestedBy ?? "a deleted user"} <RelativeTime iso={request.requestedAt} />
          {request.comment ? ` · “${request.comment}”` : ""}
          {request.decidedAt ? (
            <>
              {" "}
              · {request.status.toLowerCase()} by {request.decidedBy ?? "a deleted user"} <RelativeTime iso={request.decidedAt} />
            </>
          ) : null}
        </span>
      </span>
      {request.status === "PENDING" && canDecide ? (
        <span className="ml-auto flex gap-1.5">
          <Button size="sm" onClick={() => decide.mutate({ id: request.id, decision: "approve" })} disabled={decide.isPending}>
            Approve
          </Button>
          <Button
            size="sm"
            variant="secondary"
            onClick={() => decide.mutate({ id: request.id, decision: "reject" })}
            disabled={decide.isPending}
          >
            Reject
          </Button>
        </span>
      ) : null}
      {decide.error ? <FormError message={decide.error.message} /> : null}
    </li>
  );
}

/** The project's pending releases, above the prompts list; nothing when there are none. */
export function PendingReleases({ projectId }: { projectId: string }) {
  const pending = usePendingReleases(projectId);
  const requests = pending.data?.data ?? [];
  if (requests.length === 0) return null;
  return (
    <section className="mb-4 rounded-lg border border-warning/40 bg-warning-soft/40" aria-label="Pending releases">
      <h2 className="border-b border-warning/30 px-3 py-2 text-sm font-medium">
        Pending releases <span className="text-muted-foreground">({requests.length})</span>
      </h2>
      <ul className="divide-y">
        {requests.map((r) => (
          <RequestRow key={r.id} projectId={projectId} request={r} showPrompt />
        ))}
      </ul>
    </section>
  );
}
