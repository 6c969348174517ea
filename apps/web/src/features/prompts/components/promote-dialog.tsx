"use client";

import type { TPromptVersionView } from "@loupe/contracts";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { ModalDialog } from "@/components/ui/modal-dialog";
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
  const verb = current && current.version > target.version ? "Roll back" : "Promote";
  return (
    <ModalDialog
      title={
        <>
          {asRequest ? "Request" : verb}: version {target.version} → <span className="font-mono">{label}</span>
        </>
      }
      ariaLabel={`${verb} version ${target.version} to ${label}`}
      description={
        <>
          {current
            ? `Apps fetching '${label}' get version ${target.version} instead of version ${current.version} on their next uncached fetch.`
            : `No version has '${label}' yet; apps fetching it get version ${target.version}.`}
          {asRequest ? ` '${label}' is protected: an admin approves the move.` : ""}
        </>
      }
      width="xl"
      onClose={onClose}
      footer={(close) => (
        <>
          <FormError message={error} />
          <span className="flex-1" />
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button onClick={onConfirm} disabled={pending}>
            {pending ? "Working…" : asRequest ? "Request approval" : `${verb} to ${label}`}
          </Button>
        </>
      )}
    >
      {current ? <VersionDiff from={current} to={target} /> : <p className="text-sm text-muted-foreground">Nothing to compare with.</p>}
    </ModalDialog>
  );
}
