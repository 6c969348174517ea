"use client";

import Link from "next/link";
import { useState } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { useOrigin } from "@/lib/client/use-origin";

/** The empty state of the trace list: how to send the first trace, filled in with this server's URL. */
export function FirstTraceGuide({ projectId }: { projectId: string }) {
  const origin = useOrigin();
  const snippets = {
    TypeScript: `npm install langfuse

import { Langfuse } from "langfuse";

const langfuse = new Langfuse({
  baseUrl: "${origin}",
  publicKey: process.env.LANGFUSE_PUBLIC_KEY, // pk-lf-…
  secretKey: process.env.LANGFUSE_SECRET_KEY, // sk-lf-…
});

const trace = langfuse.trace({ name: "hello-loupe", input: "Hi!" });
trace.generation({ name: "answer", model: "gpt-4o-mini",
  usageDetails: { input: 12, output: 30 } }).end({ output: "Hello!" });
await langfuse.flushAsync();`,
    OpenTelemetry: `OTEL_EXPORTER_OTLP_ENDPOINT="${origin}/api/public/otel"
OTEL_EXPORTER_OTLP_HEADERS="Authorization=Basic $(echo -n "$LANGFUSE_PUBLIC_KEY:$LANGFUSE_SECRET_KEY" | base64)"`,
    Environment: `LANGFUSE_BASE_URL="${origin}"
LANGFUSE_HOST="${origin}"
LANGFUSE_PUBLIC_KEY="pk-lf-…"
LANGFUSE_SECRET_KEY="sk-lf-…"`,
  };
  const [tab, setTab] = useState<keyof typeof snippets>("TypeScript");
  return (
    <div className="mx-auto w-full max-w-2xl text-left">
      <p className="mb-3 text-sm text-muted-foreground">
        Loupe speaks the Langfuse API: point any Langfuse SDK or OpenTelemetry exporter at this server with a key pair from{" "}
        <Link href={`/project/${projectId}/settings`} className="font-medium text-accent hover:underline">
          API keys
        </Link>
        .
      </p>
      <div className="overflow-hidden rounded-lg border">
        <div className="flex items-center border-b bg-panel">
          {(Object.keys(snippets) as (keyof typeof snippets)[]).map((name) => (
            <button
              key={name}
              type="button"
              onClick={() => setTab(name)}
              className={`px-3 py-2 text-xs font-medium ${tab === name ? "border-b-2 border-accent text-foreground" : "text-muted-foreground hover:text-foreground"}`}
            >
              {name}
            </button>
          ))}
          <div className="ml-auto pr-2">
            <CopyButton value={snippets[tab]} label="Copy snippet" />
          </div>
        </div>
        <pre className="overflow-x-auto bg-background p-4 font-mono text-xs leading-relaxed text-foreground">{snippets[tab]}</pre>
      </div>
    </div>
  );
}
