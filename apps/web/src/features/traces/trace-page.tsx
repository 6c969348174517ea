"use client";

import type { TTraceDetailResponse } from "@loupe/contracts";
import { EyeOff, Globe, Link2, Lock, TriangleAlert } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { ModalDialog } from "@/components/ui/modal-dialog";
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
              <ShareControl projectId={projectId} trace={t} editable={canShare} />
            </div>
          )
        }
      />
    </div>
  );
}

/**
 * Public sharing: members make the trace readable by anyone with the link (the server checks the
 * role). Sharing first warns that the user id and session id become public and offers to hide them
 * on the shared page. Viewers see the link of a public trace but no toggle.
 */
function ShareControl({ projectId, trace: t, editable }: { projectId: string; trace: TTraceDetailResponse; editable: boolean }) {
  const setPublic = useSetTracePublic(projectId, t.id);
  const [asking, setAsking] = useState(false);
  const url = `${useOrigin()}${sharedTraceUrl(projectId, t.id)}`;
  return (
    <div className="ml-auto flex items-center gap-2">
      {setPublic.isError ? (
        <span role="alert" className="text-xs text-danger">
          {setPublic.error.message}
        </span>
      ) : null}
      {t.public ? (
        <span className="flex max-w-[360px] items-center gap-1 rounded-md border bg-panel px-2 py-0.5 text-xs" data-testid="share-link">
          <Link2 className="h-3.5 w-3.5 shrink-0 text-muted-foreground" aria-hidden />
          <a href={url} target="_blank" rel="noopener noreferrer" className="truncate font-mono text-[11px] hover:underline" title={url}>
            {url}
          </a>
          {t.shareHidesIdentity ? (
            <EyeOff className="h-3.5 w-3.5 shrink-0 text-muted-foreground" aria-label="User and session hidden on the shared page" />
          ) : null}
          <CopyButton value={url} label="Copy share link" />
        </span>
      ) : null}
      {editable ? (
        <Button
          variant="secondary"
          size="sm"
          aria-pressed={t.public}
          disabled={setPublic.isPending}
          onClick={() => (t.public ? setPublic.mutate({ public: false }) : setAsking(true))}
          title={t.public ? "Anyone with the link can read this trace" : "Only project members can read this trace"}
        >
          {t.public ? <Globe className="h-3.5 w-3.5" aria-hidden /> : <Lock className="h-3.5 w-3.5" aria-hidden />}
          {t.public ? "Public" : "Share"}
        </Button>
      ) : null}
      {asking ? (
        <ShareDialog
          trace={t}
          onClose={() => setAsking(false)}
          onShare={(hideIdentity) => setPublic.mutate({ public: true, hideIdentity })}
        />
      ) : null}
    </div>
  );
}

function ShareDialog({
  trace: t,
  onClose,
  onShare,
}: {
  trace: TTraceDetailResponse;
  onClose: () => void;
  onShare: (hideIdentity: boolean) => void;
}) {
  const identifies = t.userId !== null || t.sessionId !== null;
  const [hide, setHide] = useState(identifies || t.shareHidesIdentity);
  return (
    <ModalDialog
      title="Share this trace"
      description="Anyone with the link can read it without signing in: input, output, observations and scores."
      onClose={onClose}
      footer={(close) => (
        <>
          <Button variant="secondary" size="sm" onClick={close}>
            Cancel
          </Button>
          <Button
            size="sm"
            onClick={() => {
              onShare(hide);
              close();
            }}
          >
            <Globe className="h-3.5 w-3.5" aria-hidden /> Make public
          </Button>
        </>
      )}
    >
      {identifies ? (
        <div className="space-y-3 text-sm">
          <p className="flex gap-2 rounded-md bg-warning-soft px-3 py-2 text-xs" data-testid="share-identity-warning">
            <TriangleAlert className="mt-0.5 h-3.5 w-3.5 shrink-0 text-warning" aria-hidden />
            <span>
              This trace names{" "}
              {t.userId ? (
                <>
                  user <span className="font-mono break-all">{t.userId}</span>
                </>
              ) : null}
              {t.userId && t.sessionId ? " and " : null}
              {t.sessionId ? (
                <>
                  session <span className="font-mono break-all">{t.sessionId}</span>
                </>
              ) : null}
              . Shared as is, they become public with the link.
            </span>
          </p>
          <label className="flex items-center gap-2 text-xs">
            <input type="checkbox" checked={hide} onChange={(e) => setHide(e.target.checked)} />
            Hide the user id and session id on the shared page
          </label>
        </div>
      ) : (
        <p className="text-xs text-muted-foreground">This trace has no user id or session id.</p>
      )}
    </ModalDialog>
  );
}
