import { randomUUID } from "node:crypto";
import { LangfuseClient } from "@langfuse/client";
import { expect, test } from "@playwright/test";
import { Langfuse } from "langfuse";
import { E2E_BASE_URL, E2E_KEYS } from "../playwright.config";
import { basicAuth } from "./helpers";

// Prompt management through the official SDKs, unchanged: create, fetch, compile, label moves, and
// their client-side caches (a cached fetch keeps its version until its TTL; an uncached fetch sees a
// release or a rollback at once, because the server's cache is dropped on every write).

const legacy = () => new Langfuse({ ...E2E_KEYS, baseUrl: E2E_BASE_URL, flushAt: 1, flushInterval: 100 });
const client = () => new LangfuseClient({ ...E2E_KEYS, baseUrl: E2E_BASE_URL });

async function promptId(name: string, version: number): Promise<string> {
  const res = await fetch(`${E2E_BASE_URL}/api/public/v2/prompts/${encodeURIComponent(name)}?version=${version}`, {
    headers: { authorization: basicAuth() },
  });
  return ((await res.json()) as { id: string }).id;
}

const history = [
  { role: "user", content: "Where is my order?" },
  { role: "assistant", content: "Let me check." },
];

test.describe("prompts through the official SDKs", () => {
  test("legacy langfuse v3: create, compile, cached and uncached fetches, release and rollback, fallback", async () => {
    const langfuse = legacy();
    const name = `sdk-v3/support ${randomUUID().slice(0, 8)}/triage`;
    const v1 = await langfuse.createPrompt({
      name,
      type: "chat",
      prompt: [
        { role: "system", content: "You help {{customer}} with {{product}}." },
        { type: "placeholder", name: "history" },
        { role: "user", content: "{{question}}" },
      ],
      config: { model: "gpt-4o", temperature: 0.1 },
      labels: ["production"],
      tags: ["support"],
    });
    expect(v1.version).toBe(1);

    const fetched = await langfuse.getPrompt(name, undefined, { type: "chat", cacheTtlSeconds: 60 });
    expect(fetched.version).toBe(1);
    expect(fetched.config).toEqual({ model: "gpt-4o", temperature: 0.1 });
    expect(fetched.labels).toEqual(["latest", "production"]);
    expect(fetched.compile({ customer: "Ada", product: "Loupe", question: "Status?" }, { history })).toEqual([
      { role: "system", content: "You help Ada with Loupe." },
      ...history,
      { role: "user", content: "Status?" },
    ]);

    // A release through the API: the SDK's cache keeps v1 until its TTL (createPrompt does not touch it) …
    await langfuse.createPrompt({
      name,
      type: "chat",
      prompt: [{ role: "system", content: "v2 for {{customer}}" }],
      labels: ["production"],
    });
    expect((await langfuse.getPrompt(name, undefined, { type: "chat", cacheTtlSeconds: 60 })).version).toBe(1);
    // … and the next uncached fetch sees it.
    const released = await langfuse.getPrompt(name, undefined, { type: "chat", cacheTtlSeconds: 0 });
    expect(released.version).toBe(2);
    expect(released.compile({ customer: "Bo" })).toEqual([{ role: "system", content: "v2 for Bo" }]);

    // Rollback: production back to v1; updatePrompt drops the SDK's cache of that name.
    await langfuse.updatePrompt({ name, version: 1, newLabels: ["production"] });
    expect((await langfuse.getPrompt(name, undefined, { type: "chat", cacheTtlSeconds: 60 })).version).toBe(1);
    expect((await legacy().getPrompt(name, undefined, { type: "chat" })).version).toBe(1);
    expect((await langfuse.getPrompt(name, 2, { type: "chat", cacheTtlSeconds: 0 })).version).toBe(2);
    expect((await langfuse.getPrompt(name, undefined, { label: "latest", type: "chat", cacheTtlSeconds: 0 })).version).toBe(2);

    // Not found: the SDK's fallback is used.
    const fallback = await langfuse.getPrompt(`missing-${randomUUID()}`, undefined, {
      fallback: "Hi {{name}}",
      cacheTtlSeconds: 0,
      maxRetries: 0,
    });
    expect(fallback.isFallback).toBe(true);
    expect(fallback.compile({ name: "Cy" })).toBe("Hi Cy");

    // A generation that used the prompt links to its version (promptId on the observation API).
    const trace = langfuse.trace({ name: "prompt-linked" });
    const generation = trace.generation({ name: "answer", model: "gpt-4o", prompt: fetched });
    generation.end({ output: "ok" });
    await langfuse.flushAsync();
    await expect
      .poll(async () => {
        const res = await fetch(`${E2E_BASE_URL}/api/public/observations/${generation.id}`, { headers: { authorization: basicAuth() } });
        return res.ok ? ((await res.json()) as { promptId: string | null; promptName: string; promptVersion: number }) : null;
      })
      .toMatchObject({ promptId: await promptId(name, 1), promptName: name, promptVersion: 1 });
    await langfuse.shutdownAsync();
  });

  test("@langfuse/client: create, get by label and version, update, compile text, delete, cache", async () => {
    const langfuse = client();
    const name = `sdk-v5/100% ${randomUUID().slice(0, 8)}`;
    const v1 = await langfuse.prompt.create({
      name,
      prompt: "Summarise {{text}} in {{words}} words.",
      labels: ["production"],
      commitMessage: "first",
    });
    expect(v1.version).toBe(1);
    expect(v1.commitMessage).toBe("first");
    const got = await langfuse.prompt.get(name, { cacheTtlSeconds: 60 });
    expect(got.compile({ text: "the report", words: "10" })).toBe("Summarise the report in 10 words.");

    await langfuse.prompt.create({ name, prompt: "v2 {{text}}", labels: ["production", "staging"] });
    expect((await langfuse.prompt.get(name, { cacheTtlSeconds: 60 })).version).toBe(1);
    expect((await langfuse.prompt.get(name, { cacheTtlSeconds: 0 })).version).toBe(2);
    expect((await client().prompt.get(name)).prompt).toBe("v2 {{text}}");

    const rolled = await langfuse.prompt.update({ name, version: 1, newLabels: ["production"] });
    expect(rolled.labels).toEqual(["production"]);
    expect((await langfuse.prompt.get(name, { cacheTtlSeconds: 60 })).version).toBe(1);
    expect((await langfuse.prompt.get(name, { label: "staging", cacheTtlSeconds: 0 })).version).toBe(2);
    expect((await langfuse.prompt.get(name, { version: 2, cacheTtlSeconds: 0 })).prompt).toBe("v2 {{text}}");

    const listed = await langfuse.api.prompts.list({ name });
    expect(listed.data).toEqual([expect.objectContaining({ name, versions: [1, 2], labels: ["latest", "production", "staging"] })]);

    await langfuse.prompt.delete(name, { version: 2 });
    expect((await langfuse.prompt.get(name, { label: "latest", cacheTtlSeconds: 0 })).version).toBe(1);
    await langfuse.prompt.delete(name);
    const fallback = await langfuse.prompt.get(name, { cacheTtlSeconds: 0, fallback: "offline {{text}}", maxRetries: 0 });
    expect(fallback.isFallback).toBe(true);
  });
});
