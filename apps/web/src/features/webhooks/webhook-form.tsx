"use client";

import {
  type TWebhook,
  WEBHOOK_EVENT_LABELS,
  WEBHOOK_EVENT_TYPES,
  WEBHOOK_FORMAT_LABELS,
  WEBHOOK_FORMATS,
  type WebhookFormat,
  ZCreateWebhookBody,
} from "@loupe/contracts";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { Field, Input } from "@/components/ui/input";
import { ApiError } from "@/lib/client/api-client";

const FORMAT_HINTS = {
  json: "Loupe POSTs the event as JSON, signed in the X-Loupe-Signature header with the secret shown after you save.",
  slack: "Paste a Slack incoming-webhook URL (https://hooks.slack.com/services/…): each event becomes a short message.",
} satisfies Record<WebhookFormat, string>;

/** Create or edit a webhook: name, URL, format and the events it receives. */
export function WebhookForm({
  existing,
  onSubmit,
  onCancel,
}: {
  existing: TWebhook | null;
  onSubmit: (body: unknown) => Promise<unknown>;
  onCancel: () => void;
}) {
  const [format, setFormat] = useState<WebhookFormat>(existing?.format ?? "json");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const parsed = ZCreateWebhookBody.safeParse({
      name: String(f.get("name") ?? ""),
      url: String(f.get("url") ?? "").trim(),
      format,
      events: f.getAll("events").map(String),
    });
    if (!parsed.success) return setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
    setErrors({});
    setFormError(null);
    setPending(true);
    try {
      await onSubmit(parsed.data);
    } catch (error) {
      setFormError(error instanceof ApiError ? error.message : "Could not save the webhook");
      setPending(false);
    }
  }

  const title = existing ? `Edit ${existing.name}` : "New webhook";
  return (
    <form onSubmit={submit} className="space-y-4 rounded-lg border bg-panel p-4" aria-label={title}>
      <h2 className="text-sm font-semibold">{title}</h2>
      <div className="grid gap-4 min-[900px]:grid-cols-2">
        <Field label="Name" htmlFor="webhook-name" error={errors.name}>
          <Input id="webhook-name" name="name" defaultValue={existing?.name ?? ""} placeholder="Release notifications" autoComplete="off" />
        </Field>
        <Field label="URL" htmlFor="webhook-url" error={errors.url}>
          <Input
            id="webhook-url"
            name="url"
            defaultValue={existing?.url ?? ""}
            placeholder="https://example.com/hooks/loupe"
            autoComplete="off"
            className="font-mono text-xs"
          />
        </Field>
        <fieldset className="space-y-1.5">
          <legend className="mb-1.5 text-sm font-medium">Format</legend>
          {WEBHOOK_FORMATS.map((f) => (
            <label key={f} className="flex items-center gap-2 text-sm">
              <input type="radio" name="format" value={f} checked={format === f} onChange={() => setFormat(f)} />
              {WEBHOOK_FORMAT_LABELS[f]}
            </label>
          ))}
          <p className="text-xs text-muted-foreground">{FORMAT_HINTS[format]}</p>
        </fieldset>
        <fieldset className="space-y-1.5">
          <legend className="mb-1.5 text-sm font-medium">Events</legend>
          {WEBHOOK_EVENT_TYPES.map((t) => (
            <label key={t} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="events" value={t} defaultChecked={existing ? existing.events.includes(t) : true} />
              {WEBHOOK_EVENT_LABELS[t]} <span className="font-mono text-xs text-muted-foreground">{t}</span>
            </label>
          ))}
          {errors.events ? <p className="text-xs text-danger">{errors.events}</p> : null}
        </fieldset>
      </div>
      <FormError message={formError} />
      <div className="flex justify-end gap-2">
        <Button variant="ghost" type="button" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" disabled={pending}>
          {existing ? "Save changes" : "Add webhook"}
        </Button>
      </div>
    </form>
  );
}
