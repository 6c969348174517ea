"use client";

import {
  LLM_ADAPTER_LABELS,
  LLM_ADAPTERS,
  type LlmAdapter,
  type TPlaygroundConnection,
  ZUpdateLlmConnectionBody,
  ZUpsertLlmConnectionBody,
} from "@loupe/contracts";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";
import { Select, Textarea } from "@/components/ui/textarea";
import { ApiError } from "@/lib/client/api-client";

const BASE_URL_HINTS = {
  openai: "Leave empty for api.openai.com, or the /v1 URL of an OpenAI-compatible server (vLLM, Ollama, a gateway).",
  azure: "Required: https://<resource>.openai.azure.com/openai/deployments — the model is the deployment name.",
  anthropic: "Leave empty for api.anthropic.com.",
  "google-ai-studio": "Leave empty for generativelanguage.googleapis.com.",
} satisfies Record<LlmAdapter, string>;

/** "Name: value" per line → headers. */
export function parseHeaderLines(text: string): Record<string, string> | string {
  const headers: Record<string, string> = {};
  for (const [i, line] of text.split("\n").entries()) {
    if (!line.trim()) continue;
    const colon = line.indexOf(":");
    if (colon <= 0) return `line ${i + 1}: write headers as "Name: value"`;
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}

const listOf = (text: string) =>
  text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);

export function ConnectionForm({
  existing,
  onSubmit,
  onCancel,
}: {
  existing: TPlaygroundConnection | null;
  onSubmit: (body: unknown) => Promise<unknown>;
  onCancel: () => void;
}) {
  const [adapter, setAdapter] = useState<LlmAdapter>((existing?.adapter as LlmAdapter | undefined) ?? "openai");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const get = (k: string) => String(f.get(k) ?? "");
    const headerText = get("extraHeaders");
    const headers = headerText.trim() ? parseHeaderLines(headerText) : existing ? undefined : {};
    if (typeof headers === "string") return setErrors({ extraHeaders: headers });
    const body = {
      provider: get("provider"),
      adapter,
      secretKey: get("secretKey"),
      baseURL: get("baseURL").trim() || null,
      customModels: listOf(get("customModels")),
      withDefaultModels: f.get("withDefaultModels") === "on",
      ...(headers !== undefined ? { extraHeaders: headers } : {}),
    };
    const parsed = (existing ? ZUpdateLlmConnectionBody : ZUpsertLlmConnectionBody).safeParse(body);
    if (!parsed.success) return setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
    setErrors({});
    setFormError(null);
    setPending(true);
    try {
      await onSubmit(parsed.data);
    } catch (error) {
      setFormError(error instanceof ApiError ? error.message : "Could not save the connection");
      setPending(false);
    }
  }

  return (
    <form
      onSubmit={submit}
      className="space-y-4 rounded-lg border bg-panel p-4"
      aria-label={existing ? `Edit ${existing.provider}` : "New LLM connection"}
    >
      <h2 className="text-sm font-semibold">{existing ? `Edit ${existing.provider}` : "New LLM connection"}</h2>
      <div className="grid gap-4 min-[900px]:grid-cols-2">
        <Field label="Name" htmlFor="llm-provider" error={errors.provider}>
          <Input id="llm-provider" name="provider" defaultValue={existing?.provider ?? ""} placeholder="openai-prod" autoComplete="off" />
        </Field>
        <Field label="Provider" htmlFor="llm-adapter" error={errors.adapter}>
          <Select id="llm-adapter" className="h-9" value={adapter} onChange={(e) => setAdapter(e.target.value as LlmAdapter)}>
            {LLM_ADAPTERS.map((a) => (
              <option key={a} value={a}>
                {LLM_ADAPTER_LABELS[a]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="API key" htmlFor="llm-secret" error={errors.secretKey}>
          <Input
            id="llm-secret"
            name="secretKey"
            type="password"
            autoComplete="off"
            placeholder={existing ? `Leave empty to keep ${existing.displaySecretKey}` : "sk-…"}
          />
        </Field>
        <Field label="Base URL" htmlFor="llm-base-url" error={errors.baseURL}>
          <Input id="llm-base-url" name="baseURL" defaultValue={existing?.baseURL ?? ""} placeholder="https://…" autoComplete="off" />
          <p className="text-xs text-muted-foreground">{BASE_URL_HINTS[adapter]}</p>
        </Field>
        <Field label="Models" htmlFor="llm-models" error={errors.customModels}>
          <Textarea
            id="llm-models"
            name="customModels"
            rows={3}
            defaultValue={existing?.customModels.join("\n") ?? ""}
            placeholder={"One per line, e.g. my-fine-tune"}
          />
          <label className="flex items-center gap-2 text-xs text-muted-foreground">
            <input type="checkbox" name="withDefaultModels" defaultChecked={existing?.withDefaultModels ?? true} /> Also offer the
            provider's well-known models
          </label>
        </Field>
        <Field label="Extra headers" htmlFor="llm-headers" error={errors.extraHeaders}>
          <Textarea
            id="llm-headers"
            name="extraHeaders"
            rows={3}
            className="font-mono text-xs"
            placeholder={
              existing?.extraHeaderKeys.length ? `Leave empty to keep ${existing.extraHeaderKeys.join(", ")}` : "Header-Name: value"
            }
          />
          <p className="text-xs text-muted-foreground">Stored encrypted like the key; only their names are shown again.</p>
        </Field>
      </div>
      {formError ? (
        <p role="alert" className="rounded-md bg-danger-soft px-3 py-2 text-sm text-danger">
          {formError}
        </p>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" disabled={pending}>
          {existing ? "Save changes" : "Add connection"}
        </Button>
      </div>
    </form>
  );
}
