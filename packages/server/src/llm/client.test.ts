import type { LlmAdapter, TLlmCall } from "@loupe/contracts";
import { type FakeLlmServer, startFakeAnthropic, startFakeGemini, startFakeOpenAI } from "@loupe/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createLlmClient, LlmCallError, type LlmStreamEvent } from "./client.ts";

const LOOPBACK = { allowPrivate: true };

async function collect(stream: AsyncIterable<LlmStreamEvent>): Promise<LlmStreamEvent[]> {
  const events: LlmStreamEvent[] = [];
  for await (const e of stream) events.push(e);
  return events;
}

async function callError(promise: Promise<unknown>): Promise<LlmCallError["error"]> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof LlmCallError) return error.error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

const weatherTool = { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } };
const verdict = { name: "verdict", schema: { type: "object", properties: { score: { type: "number" }, reasoning: { type: "string" } } } };

// One table: every adapter must pass the same behaviour against its loopback fake.
const ADAPTERS: { adapter: LlmAdapter; start: () => Promise<FakeLlmServer>; model: string; base: (f: FakeLlmServer) => string }[] = [
  { adapter: "openai", start: () => startFakeOpenAI(), model: "gpt-4o-mini", base: (f) => f.url },
  { adapter: "azure", start: () => startFakeOpenAI(), model: "gpt-4o", base: (f) => `${f.origin}/openai/deployments` },
  { adapter: "anthropic", start: () => startFakeAnthropic(), model: "claude-3-5-haiku-latest", base: (f) => f.url },
  { adapter: "google-ai-studio", start: () => startFakeGemini(), model: "gemini-2.0-flash", base: (f) => f.url },
];

describe.each(ADAPTERS)("$adapter client against its loopback fake", ({ adapter, start, model, base }) => {
  let fake: FakeLlmServer;
  const call = (over: Partial<TLlmCall> = {}): TLlmCall => ({
    model,
    messages: [
      { role: "system", content: "Be brief." },
      { role: "user", content: "hello there" },
    ],
    params: { temperature: 0.2, maxTokens: 50 },
    ...over,
  });
  const client = (secretKey = "test-key", timeoutMs = 5_000) =>
    createLlmClient({ adapter, baseURL: base(fake), secretKey, extraHeaders: { "x-team": "loupe" } }, { policy: LOOPBACK, timeoutMs });

  beforeAll(async () => {
    fake = await start();
  });
  beforeEach(() => fake.reset());
  afterAll(() => fake.close());

  it("completes with text and usage, sending the parameters and extra headers", async () => {
    const result = await client().complete(call());
    expect(result.text).toBe("Echo: hello there");
    expect(result.toolCalls).toEqual([]);
    expect(result.usage.output).toBe(5);
    expect(result.usage.total).toBe(result.usage.input + 5);
    expect(result.usage.input).toBeGreaterThan(0);
    expect(fake.requests[0]?.headers["x-team"]).toBe("loupe");
    expect(JSON.stringify(fake.requests[0]?.body)).toMatch(/0\.2/);
  });

  it("streams text deltas, then the whole result", async () => {
    const events = await collect(client().stream(call()));
    const deltas = events.filter((e) => e.type === "text");
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.map((d) => d.delta).join("")).toBe("Echo: hello there");
    const done = events.at(-1);
    expect(done?.type).toBe("done");
    expect(done?.type === "done" && done.result).toMatchObject({ text: "Echo: hello there", usage: { output: 5 } });
  });

  it("returns tool calls with their arguments, streamed or not", async () => {
    fake.reply(
      { toolCalls: [{ name: "get_weather", arguments: { city: "Paris" } }] },
      { toolCalls: [{ name: "get_weather", arguments: { city: "Rome" } }] },
    );
    const result = await client().complete(call({ tools: [weatherTool], toolChoice: "auto" }));
    expect(result.toolCalls).toHaveLength(1);
    expect(result.toolCalls[0]?.name).toBe("get_weather");
    expect(JSON.parse(result.toolCalls[0]?.arguments ?? "")).toEqual({ city: "Paris" });
    const events = await collect(client().stream(call({ tools: [weatherTool] })));
    const streamed = events.find((e) => e.type === "tool-call");
    expect(streamed?.type === "tool-call" && JSON.parse(streamed.call.arguments)).toEqual({ city: "Rome" });
  });

  it("returns structured output as JSON text that fits the schema", async () => {
    const result = await client().complete(call({ structuredOutput: verdict }));
    expect(JSON.parse(result.text)).toEqual({ score: 1, reasoning: "hello there" });
    expect(result.toolCalls).toEqual([]);
    const events = await collect(client().stream(call({ structuredOutput: verdict })));
    const done = events.at(-1);
    expect(done?.type === "done" && JSON.parse(done.result.text)).toEqual({ score: 1, reasoning: "hello there" });
  });

  it("names a bad key", async () => {
    const error = await callError(client("wrong-key").complete(call()));
    expect(error.kind).toBe("auth");
    expect(error.message).toMatch(/rejected the API key/);
  });

  it("names an unknown model", async () => {
    const error = await callError(client().complete(call({ model: "no-such-model" })));
    expect(error).toMatchObject({ kind: "unknown_model", status: 404 });
    expect(error.message).toContain('"no-such-model"');
  });

  it("reports a rate limit with its retry-after, and a provider 5xx", async () => {
    fake.fail({ kind: "status", status: 429, retryAfterSeconds: 12 });
    fake.fail({ kind: "status", status: 500 });
    expect(await callError(client().complete(call()))).toMatchObject({ kind: "rate_limited", status: 429, retryAfterSeconds: 12 });
    const error = await callError(collect(client().stream(call())));
    expect(error).toMatchObject({ kind: "provider_error", status: 500 });
    expect(error.message).toMatch(/The provider failed \(500\)/);
  });

  it("times out on a provider that never answers", async () => {
    fake.fail({ kind: "hang" });
    const started = Date.now();
    const error = await callError(client("test-key", 1_000).complete(call()));
    expect(error.kind).toBe("timeout");
    expect(error.message).toMatch(/within 1 s/);
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it("reports malformed JSON, answered or streamed", async () => {
    fake.fail({ kind: "malformed-json" }, 2);
    expect(await callError(client().complete(call()))).toMatchObject({ kind: "bad_response" });
    const error = await callError(collect(client().stream(call())));
    expect(error.kind).toBe("bad_response");
    expect(error.message).toMatch(/not JSON/);
  });

  it("reports a stream that breaks off", async () => {
    fake.fail({ kind: "truncated-stream" });
    const error = await callError(collect(client().stream(call())));
    expect(error.kind).toBe("bad_response");
    expect(error.message).toMatch(/broke off|ended before/);
  });
});

describe("outbound bounds", () => {
  let fake: FakeLlmServer;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
  });
  afterAll(() => fake.close());
  const call: TLlmCall = { model: "gpt-4o-mini", messages: [{ role: "user", content: "x".repeat(5000) }], params: {} };

  it("refuses loopback unless the instance allows private addresses, and metadata addresses always", async () => {
    const strict = createLlmClient(
      { adapter: "openai", baseURL: fake.url, secretKey: "test-key", extraHeaders: {} },
      { policy: { allowPrivate: false }, timeoutMs: 2_000 },
    );
    const error = await callError(strict.complete(call));
    expect(error.kind).toBe("blocked_url");
    expect(error.message).toMatch(/LOUPE_LLM_ALLOW_PRIVATE_BASE_URLS/);
    const metadata = createLlmClient(
      { adapter: "openai", baseURL: "http://169.254.169.254/latest", secretKey: "k", extraHeaders: {} },
      { policy: LOOPBACK, timeoutMs: 2_000 },
    );
    expect(await callError(metadata.complete(call))).toMatchObject({ kind: "blocked_url" });
    const mapped = createLlmClient(
      { adapter: "openai", baseURL: "http://[::ffff:169.254.169.254]/v1", secretKey: "k", extraHeaders: {} },
      { policy: LOOPBACK, timeoutMs: 2_000 },
    );
    expect(await callError(mapped.complete(call))).toMatchObject({ kind: "blocked_url" });
    expect(fake.requests).toHaveLength(0);
  });

  it("refuses a host name that resolves to loopback", async () => {
    const byName = createLlmClient(
      { adapter: "openai", baseURL: fake.url.replace("127.0.0.1", "localhost"), secretKey: "test-key", extraHeaders: {} },
      { policy: { allowPrivate: false }, timeoutMs: 2_000 },
    );
    expect(await callError(byName.complete(call))).toMatchObject({ kind: "blocked_url" });
  });

  it("caps the bytes read from the provider", async () => {
    const capped = createLlmClient(
      { adapter: "openai", baseURL: fake.url, secretKey: "test-key", extraHeaders: {} },
      { policy: LOOPBACK, timeoutMs: 2_000, maxResponseBytes: 1024 },
    );
    const error = await callError(capped.complete(call));
    expect(error.kind).toBe("bad_response");
    expect(error.message).toMatch(/larger than 1 KB/);
  });

  it("does not let extra headers replace the key", async () => {
    const client = createLlmClient(
      { adapter: "openai", baseURL: fake.url, secretKey: "test-key", extraHeaders: { authorization: "Bearer stolen" } },
      { policy: LOOPBACK, timeoutMs: 2_000 },
    );
    expect((await client.complete({ ...call, messages: [{ role: "user", content: "hi" }] })).text).toBe("Echo: hi");
  });

  it("reports an unreachable provider", async () => {
    const closed = await startFakeOpenAI();
    const url = closed.url;
    await closed.close();
    const client = createLlmClient(
      { adapter: "openai", baseURL: url, secretKey: "test-key", extraHeaders: {} },
      { policy: LOOPBACK, timeoutMs: 2_000 },
    );
    const error = await callError(client.complete(call));
    expect(error.kind).toBe("network");
    expect(error.message).toMatch(/Could not reach the provider at 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
  });
});

describe("a 429 with Retry-After", () => {
  let fake: FakeLlmServer;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
  });
  beforeEach(() => fake.reset());
  afterAll(() => fake.close());

  const call: TLlmCall = { model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }], params: {} };
  /** A client whose waits are recorded instead of slept, so nothing here depends on the clock. */
  function recordingClient(maxWaitMs: number, retries = 2) {
    const waits: number[] = [];
    const client = createLlmClient(
      { adapter: "openai", baseURL: fake.url, secretKey: "test-key", extraHeaders: {} },
      {
        policy: LOOPBACK,
        timeoutMs: 5_000,
        rateLimitRetry: { retries, maxWaitMs, sleep: async (ms) => void waits.push(ms) },
      },
    );
    return { client, waits };
  }

  it("waits the seconds it names, then tries again", async () => {
    const { client, waits } = recordingClient(30_000);
    fake.fail({ kind: "status", status: 429, retryAfterSeconds: 3 });
    expect((await client.complete(call)).text).toBe("Echo: hi");
    expect(waits).toEqual([3_000]);
    expect(fake.requests).toHaveLength(2);
  });

  it("reads an HTTP date, and never waits longer than the cap", async () => {
    const { client, waits } = recordingClient(5_000);
    fake.fail({ kind: "status", status: 429, retryAfter: new Date(Date.now() + 3_600_000).toUTCString() });
    fake.fail({ kind: "status", status: 429, retryAfterSeconds: 120 });
    expect((await client.complete(call)).text).toBe("Echo: hi");
    expect(waits).toEqual([5_000, 5_000]);
  });

  it("leaves a 429 without the header, and the one after the last retry, to the caller", async () => {
    const { client, waits } = recordingClient(5_000, 1);
    fake.fail({ kind: "status", status: 429 });
    expect(await callError(client.complete(call))).toMatchObject({ kind: "rate_limited", status: 429 });
    expect(waits).toEqual([]);
    fake.fail({ kind: "status", status: 429, retryAfterSeconds: 1 }, 2);
    expect(await callError(client.complete(call))).toMatchObject({ kind: "rate_limited", retryAfterSeconds: 1 });
    expect(waits).toEqual([1_000]);
    // Without the option (the playground) nothing is retried.
    fake.fail({ kind: "status", status: 429, retryAfterSeconds: 1 });
    const plain = createLlmClient(
      { adapter: "openai", baseURL: fake.url, secretKey: "test-key", extraHeaders: {} },
      { policy: LOOPBACK, timeoutMs: 5_000 },
    );
    expect(await callError(plain.complete(call))).toMatchObject({ kind: "rate_limited" });
  });
});
