"use client";

import type { TPromptVersionView } from "@loupe/contracts";
import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { VersionDiff } from "./version-diff";

/**
 * Confirms a label move (a release, or a rollback to an older version) and shows what changes for the
 * apps: the diff between the version that has the label now and the one that gets it.
 */
export function PromoteDialog({
  label,
  target,
  current,
  asRequest,
  pending,
  error,
  onConfirm,
  onClose,
}: {
  label: string;
  target: TPromptVersionView;
  current: TPromptVersionView | undefined;
  /** A MEMBER on a protected label: the dialog files a request instead of moving the label. */
  asRequest: boolean;
  pending: boolean;
  error: string | null;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const verb = current && current.version > target.version ? "Roll back" : "Promote";
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-label={`${verb} version ${target.version} to ${label}`}
      className="m-auto w-[min(960px,calc(100vw-2rem))] rounded-lg border bg-panel p-0 text-foreground shadow-xl backdrop:bg-black/40"
    >
      <div className="border-b px-4 py-3">
        <h2 className="text-base font-semibold">
          {asRequest ? "Request" : verb}: version {target.version} → <span className="font-mono">{label}</span>
        </h2>
        <p className="text-xs text-muted-foreground">
          {current
            ? `Apps fetching '${label}' get version ${target.version} instead of version ${current.version} on their next uncached fetch.`
            : `No version has '${label}' yet; apps fetching it get version ${target.version}.`}
          {asRequest ? ` '${label}' is protected: an admin approves the move.` : ""}
        </p>
      </div>
      <div className="max-h-[60vh] overflow-y-auto p-4">
        {current ? <VersionDiff from={current} to={target} /> : <p className="text-sm text-muted-foreground">Nothing to compare with.</p>}
      </div>
      <div className="flex items-center gap-2 border-t px-4 py-3">
        <FormError message={error} />
        <span className="flex-1" />
        <Button variant="secondary" onClick={() => ref.current?.close()}>
          Cancel
        </Button>
        <Button onClick={onConfirm} disabled={pending}>
          {pending ? "Working…" : asRequest ? "Request approval" : `${verb} to ${label}`}
        </Button>
      </div>
    </dialog>
  );
}
