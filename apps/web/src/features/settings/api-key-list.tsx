"use client";

import type { TApiKeySummary, TCreateApiKeyBody, TCreatedApiKey } from "@loupe/contracts";
import { KeyRound, Pencil, Plus } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Input } from "@/components/ui/input";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { RelativeTime } from "@/components/ui/relative-time";
import { SkeletonRows } from "@/components/ui/skeleton";
import { EmptyState } from "@/components/ui/states";
import { formatUtc } from "@/lib/shared/format";

// The key table and dialogs shared by project keys (Settings → API keys) and organization keys
// (Settings → Organization): note, expiry, last used, revoked keys behind a toggle, revoke in a dialog.

const EXPIRIES = [
  { label: "Never", days: 0 },
  { label: "In 7 days", days: 7 },
  { label: "In 30 days", days: 30 },
  { label: "In 90 days", days: 90 },
  { label: "In a year", days: 365 },
] as const;

const isExpired = (k: TApiKeySummary) => k.expiresAt !== null && Date.parse(k.expiresAt) <= Date.now();

/** Note and expiry of a new key; the secret is shown by the caller once it exists. */
export function CreateKeyDialog({
  title,
  pending,
  error,
  onCreate,
  onClose,
}: {
  title: string;
  pending: boolean;
  error: string | null;
  onCreate: (body: TCreateApiKeyBody) => void;
  onClose: () => void;
}) {
  const [note, setNote] = useState("");
  const [days, setDays] = useState(0);
  const submit = () =>
    onCreate({ note: note.trim() || undefined, expiresAt: days ? new Date(Date.now() + days * 86_400_000).toISOString() : null });
  return (
    <ModalDialog
      title={title}
      description="The secret key is shown once, right after it is created."
      onClose={onClose}
      footer={(close) => (
        <>
          <Button variant="secondary" size="sm" onClick={close}>
            Cancel
          </Button>
          <Button size="sm" type="submit" form="create-key-form" disabled={pending}>
            {pending ? "Creating…" : "Create key"}
          </Button>
        </>
      )}
    >
      <form
        id="create-key-form"
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label className="flex flex-col gap-1 text-xs text-muted-foreground">
          Note (what uses this key)
          <Input value={note} maxLength={200} placeholder="e.g. production backend" onChange={(e) => setNote(e.target.value)} />
        </label>
        <label className="flex flex-col gap-1 text-xs text-muted-foreground">
          Expires
          <select
            className="h-9 rounded-md border bg-background px-2 text-sm text-foreground"
            value={days}
            onChange={(e) => setDays(Number(e.target.value))}
          >
            {EXPIRIES.map((x) => (
              <option key={x.days} value={x.days}>
                {x.label}
              </option>
            ))}
          </select>
        </label>
        {error ? (
          <p role="alert" className="text-sm text-danger">
            {error}
          </p>
        ) : null}
      </form>
    </ModalDialog>
  );
}

function RevokeDialog({ apiKey, onRevoke, onClose }: { apiKey: TApiKeySummary; onRevoke: () => void; onClose: () => void }) {
  return (
    <ModalDialog
      title="Revoke API key"
      description="Anything using it is refused within seconds. This cannot be undone."
      onClose={onClose}
      footer={(close) => (
        <>
          <Button variant="secondary" size="sm" onClick={close}>
            Cancel
          </Button>
          <Button
            variant="danger"
            size="sm"
            onClick={() => {
              onRevoke();
              close();
            }}
          >
            Revoke key
          </Button>
        </>
      )}
    >
      <p className="text-sm">
        Revoke <span className="font-mono text-xs">{apiKey.publicKey}</span>
        {apiKey.note ? (
          <>
            {" "}
            (<span className="break-words">{apiKey.note}</span>)
          </>
        ) : null}
        ?
      </p>
    </ModalDialog>
  );
}

function NoteDialog({ apiKey, onSave, onClose }: { apiKey: TApiKeySummary; onSave: (note: string | null) => void; onClose: () => void }) {
  const [note, setNote] = useState(apiKey.note ?? "");
  return (
    <ModalDialog
      title="Edit note"
      description={apiKey.publicKey}
      onClose={onClose}
      footer={(close) => (
        <>
          <Button variant="secondary" size="sm" onClick={close}>
            Cancel
          </Button>
          <Button
            size="sm"
            onClick={() => {
              onSave(note.trim() || null);
              close();
            }}
          >
            Save note
          </Button>
        </>
      )}
    >
      <label className="flex flex-col gap-1 text-xs text-muted-foreground">
        Note
        <Input value={note} maxLength={200} autoFocus onChange={(e) => setNote(e.target.value)} />
      </label>
    </ModalDialog>
  );
}

function KeyStatus({ apiKey }: { apiKey: TApiKeySummary }) {
  if (apiKey.revokedAt) return <Badge tone="danger">revoked</Badge>;
  if (isExpired(apiKey)) return <Badge tone="warning">expired</Badge>;
  if (apiKey.expiresAt) {
    // RelativeTime speaks of the past ("just now" for any future instant): the expiry counts forward.
    const ms = Date.parse(apiKey.expiresAt) - Date.now();
    const left = ms >= 86_400_000 ? `${Math.round(ms / 86_400_000)} days` : `${Math.max(1, Math.round(ms / 3_600_000))} h`;
    return (
      <time dateTime={apiKey.expiresAt} title={formatUtc(apiKey.expiresAt)} className="text-xs text-muted-foreground">
        expires in {left}
      </time>
    );
  }
  return <span className="text-xs text-muted-foreground">never expires</span>;
}

/** The keys, live ones first; revoked keys only when the toggle is on. */
export function ApiKeyTable({
  keys,
  loading,
  emptyHint,
  onRevoke,
  onEditNote,
  revoking,
}: {
  keys: TApiKeySummary[] | undefined;
  loading: boolean;
  emptyHint: string;
  onRevoke: (id: string) => void;
  /** Absent: notes are fixed at creation (organization keys). */
  onEditNote?: (id: string, note: string | null) => void;
  revoking: boolean;
}) {
  const [showRevoked, setShowRevoked] = useState(false);
  const [revokeTarget, setRevokeTarget] = useState<TApiKeySummary | null>(null);
  const [noteTarget, setNoteTarget] = useState<TApiKeySummary | null>(null);
  const revokedCount = keys?.filter((k) => k.revokedAt).length ?? 0;
  const shown = keys?.filter((k) => showRevoked || !k.revokedAt) ?? [];
  return (
    <div className="space-y-2">
      {revokedCount > 0 ? (
        <label className="flex items-center gap-2 text-xs text-muted-foreground">
          <input type="checkbox" checked={showRevoked} onChange={(e) => setShowRevoked(e.target.checked)} />
          Show revoked keys ({revokedCount})
        </label>
      ) : null}
      {!loading && shown.length === 0 ? (
        <EmptyState icon={<KeyRound className="h-6 w-6 text-accent" />} title="No API keys yet">
          {emptyHint}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border">
          <table className="w-full text-[13px]">
            <thead className="bg-panel text-xs text-muted-foreground">
              <tr>
                <th className="h-8 px-3 text-left font-medium">Public key</th>
                <th className="hidden h-8 px-3 text-left font-medium xl:table-cell">Secret key</th>
                <th className="h-8 px-3 text-left font-medium">Note</th>
                <th className="h-8 px-3 text-left font-medium">Created</th>
                <th className="h-8 px-3 text-left font-medium whitespace-nowrap">Last used</th>
                <th className="h-8 px-3 text-left font-medium">Expiry</th>
                <th className="h-8 px-3" />
              </tr>
            </thead>
            <tbody>
              {loading ? (
                <SkeletonRows columns={7} />
              ) : (
                shown.map((k) => (
                  <tr key={k.id} data-testid="api-key-row" className={k.revokedAt ? "h-9 border-t opacity-60" : "h-9 border-t"}>
                    <td className="px-3 font-mono text-xs whitespace-nowrap">
                      <span className="inline-flex items-center gap-1">
                        {k.publicKey}
                        <CopyButton value={k.publicKey} label="Copy public key" />
                      </span>
                    </td>
                    <td className="hidden px-3 font-mono text-xs whitespace-nowrap text-muted-foreground xl:table-cell">
                      {k.displaySecretKey}
                    </td>
                    <td className="max-w-48 px-3 text-xs">
                      <span className="inline-flex max-w-full items-center gap-1">
                        <span className="truncate" title={k.note ?? undefined}>
                          {k.note ?? <span className="text-muted-foreground">—</span>}
                        </span>
                        {onEditNote && !k.revokedAt ? (
                          <button
                            type="button"
                            aria-label={`Edit note of ${k.publicKey}`}
                            className="rounded p-0.5 text-muted-foreground hover:bg-muted"
                            onClick={() => setNoteTarget(k)}
                          >
                            <Pencil className="h-3 w-3" />
                          </button>
                        ) : null}
                      </span>
                    </td>
                    <td className="px-3 text-muted-foreground">
                      <RelativeTime iso={k.createdAt} />
                    </td>
                    <td className="px-3 text-muted-foreground">
                      {k.lastUsedAt ? <RelativeTime iso={k.lastUsedAt} /> : <span className="text-xs">never</span>}
                    </td>
                    <td className="px-3 whitespace-nowrap">
                      <KeyStatus apiKey={k} />
                    </td>
                    <td className="px-3 text-right">
                      {k.revokedAt ? null : (
                        <Button variant="danger" size="sm" disabled={revoking} onClick={() => setRevokeTarget(k)}>
                          Revoke
                        </Button>
                      )}
                    </td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      )}
      {revokeTarget ? (
        <RevokeDialog apiKey={revokeTarget} onRevoke={() => onRevoke(revokeTarget.id)} onClose={() => setRevokeTarget(null)} />
      ) : null}
      {noteTarget && onEditNote ? (
        <NoteDialog apiKey={noteTarget} onSave={(note) => onEditNote(noteTarget.id, note)} onClose={() => setNoteTarget(null)} />
      ) : null}
    </div>
  );
}

/** The "Create API key" header action. */
export function CreateKeyButton({ onClick }: { onClick: () => void }) {
  return (
    <Button size="sm" className="shrink-0 whitespace-nowrap" onClick={onClick}>
      <Plus className="h-3.5 w-3.5" /> Create API key
    </Button>
  );
}

/** The new pair as environment variables, once. */
export function SecretReveal({ created, origin }: { created: TCreatedApiKey; origin: string }) {
  const env = `LANGFUSE_SECRET_KEY="${created.secretKey}"\nLANGFUSE_PUBLIC_KEY="${created.publicKey}"\nLANGFUSE_BASE_URL="${origin}"`;
  return (
    <div role="status" className="space-y-2 rounded-lg border border-accent/40 bg-accent-soft p-4">
      <p className="text-sm font-medium">Copy the secret key now: it is shown only once.</p>
      <div className="relative">
        <pre data-testid="new-api-key" className="overflow-x-auto rounded-md border bg-background p-3 pr-10 font-mono text-xs">
          {env}
        </pre>
        <CopyButton value={env} label="Copy keys" className="absolute top-2 right-2" />
      </div>
    </div>
  );
}
