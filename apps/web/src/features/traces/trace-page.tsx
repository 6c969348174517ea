"use client";

import { Globe, Link2, Lock } from "lucide-react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { BackLink } from "@/components/ui/detail-states";
import { AddToDatasetButton } from "@/features/datasets";
import { useHasRole } from "@/lib/client/project-role";
import { projectRoutes, sharedTraceUrl } from "@/lib/shared/routes";
import { useSelectedObservation } from "@/lib/client/use-peek";
import { useSetTracePublic } from "./hooks/use-trace-detail";
import { TraceView } from "./trace-view";
import { useOrigin } from "@/lib/client/use-origin";
import { AddToQueue } from "@/features/queue-picker";

/**
 * A trace on its own URL, the selected observation in `?observation=` (restored on load and on
 * back/forward). `shared` is the read-only page of a public trace for people without an account:
 * no project links, no score form, no share controls.
 */
export function TracePage({ projectId, traceId, shared = false }: { projectId: string; traceId: string; shared?: boolean }) {
  const [observationId, setObservationId] = useSelectedObservation();
  const canShare = useHasRole("MEMBER");
  return (
    <div className="h-screen">
      <TraceView
        source={{ projectId, traceId, shared }}
        selectedObservationId={observationId}
        onSelectObservation={setObservationId}
        treeKeys
        toolbar={
          shared ? (
            <span className="text-xs text-muted-foreground">Shared trace · read-only</span>
          ) : (
            <BackLink href={projectRoutes(projectId).traces}>Traces</BackLink>
          )
        }
        actions={(t) =>
          shared ? null : (
            <div className="ml-auto flex items-center gap-2">
              <AddToQueue
                projectId={projectId}
                items={
                  observationId
                    ? { source: "ids", objectType: "OBSERVATION", objectIds: [observationId] }
                    : { source: "ids", objectType: "TRACE", objectIds: [t.id] }
                }
                what={observationId ? "this observation" : "this trace"}
              />
              <AddToDatasetButton projectId={projectId} source={{ traceId: t.id }} input={t.input} output={t.output} />
              <ShareControl projectId={projectId} traceId={t.id} isPublic={t.public} editable={canShare} />
            </div>
          )
        }
      />
    </div>
  );
}

/**
 * Public sharing: members make the trace readable by anyone with the link (the server checks the
 * role). Viewers see the link of a public trace but no toggle.
 */
function ShareControl({
  projectId,
  traceId,
  isPublic,
  editable,
}: {
  projectId: string;
  traceId: string;
  isPublic: boolean;
  editable: boolean;
}) {
  const setPublic = useSetTracePublic(projectId, traceId);
  const url = `${useOrigin()}${sharedTraceUrl(projectId, traceId)}`;
  return (
    <div className="ml-auto flex items-center gap-2">
      {setPublic.isError ? (
        <span role="alert" className="text-xs text-danger">
          {setPublic.error.message}
        </span>
      ) : null}
      {isPublic ? (
        <span className="flex max-w-[360px] items-center gap-1 rounded-md border bg-panel px-2 py-0.5 text-xs" data-testid="share-link">
          <Link2 className="h-3.5 w-3.5 shrink-0 text-muted-foreground" aria-hidden />
          <a href={url} target="_blank" rel="noopener noreferrer" className="truncate font-mono text-[11px] hover:underline" title={url}>
            {url}
          </a>
          <CopyButton value={url} label="Copy share link" />
        </span>
      ) : null}
      {editable ? (
        <Button
          variant="secondary"
          size="sm"
          aria-pressed={isPublic}
          disabled={setPublic.isPending}
          onClick={() => setPublic.mutate(!isPublic)}
          title={isPublic ? "Anyone with the link can read this trace" : "Only project members can read this trace"}
        >
          {isPublic ? <Globe className="h-3.5 w-3.5" aria-hidden /> : <Lock className="h-3.5 w-3.5" aria-hidden />}
          {isPublic ? "Public" : "Share"}
        </Button>
      ) : null}
    </div>
  );
}
