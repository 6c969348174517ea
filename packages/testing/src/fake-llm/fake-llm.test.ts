import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeAnthropic } from "./anthropic.ts";
import { startFakeGemini } from "./gemini.ts";
import { startFakeOpenAI } from "./openai.ts";
import type { FakeLlmServer } from "./server.ts";

// biome-ignore lint/suspicious/noExplicitAny: the assertions walk the providers' JSON answers
type Json = any;
const read = async (res: Response): Promise<Json> => res.json();

const post = (url: string, body: unknown, headers: Record<string, string>) =>
  fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

/** The `data:` payloads of an SSE body, in order. */
async function sseData(res: Response): Promise<string[]> {
  const text = await res.text();
  return text
    .split(/\r?\n\r?\n/)
    .flatMap((block) => block.split(/\r?\n/).filter((l) => l.startsWith("data: ")))
    .map((l) => l.slice(6));
}

describe("fake OpenAI server", () => {
  let fake: FakeLlmServer;
  const auth = { authorization: "Bearer test-key" };
  const chat = (body: Record<string, unknown>, headers = auth) =>
    post(`${fake.url}/chat/completions`, { model: "gpt-4o-mini", messages: [{ role: "user", content: "hello world" }], ...body }, headers);
  beforeAll(async () => {
    fake = await startFakeOpenAI();
  });
  beforeEach(() => fake.reset());
  afterAll(() => fake.close());

  it("listens on a random loopback port and echoes the last user message with usage", async () => {
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const res = await chat({});
    expect(res.status).toBe(200);
    const body = await read(res);
    expect(body.choices[0].message).toEqual({ role: "assistant", content: "Echo: hello world" });
    expect(body.choices[0].finish_reason).toBe("stop");
    expect(body.usage.completion_tokens).toBe(5);
    expect(body.usage.total_tokens).toBe(body.usage.prompt_tokens + 5);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]?.body).toMatchObject({ model: "gpt-4o-mini" });
  });

  it("streams word deltas, then finish_reason, usage and [DONE]", async () => {
    const data = await sseData(await chat({ stream: true, stream_options: { include_usage: true } }));
    expect(data.at(-1)).toBe("[DONE]");
    const chunks = data.slice(0, -1).map((d) => JSON.parse(d) as Json);
    const text = chunks.map((c) => c.choices[0]?.delta?.content ?? "").join("");
    expect(text).toBe("Echo: hello world");
    expect(chunks.filter((c) => c.choices[0]?.delta?.content).length).toBe(3);
    expect(chunks.at(-2).choices[0].finish_reason).toBe("stop");
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { completion_tokens: 5 } });
  });

  it("calls the first tool with arguments that satisfy its schema, and answers a tool result with text", async () => {
    const tools = [
      {
        type: "function",
        function: {
          name: "get_weather",
          parameters: { type: "object", properties: { city: { type: "string" }, days: { type: "integer", minimum: 2 } } },
        },
      },
    ];
    const body = await read(await chat({ tools }));
    expect(body.choices[0].finish_reason).toBe("tool_calls");
    const call = body.choices[0].message.tool_calls[0];
    expect(call.function.name).toBe("get_weather");
    expect(JSON.parse(call.function.arguments)).toEqual({ city: "hello world", days: 2 });

    const after = await read(
      await chat({
        tools,
        messages: [
          { role: "user", content: "hi" },
          { role: "tool", tool_call_id: call.id, content: "sunny" },
        ],
      }),
    );
    expect(after.choices[0].message.content).toBe("Echo: hi");
  });

  it("streams tool call arguments in fragments", async () => {
    fake.reply({ toolCalls: [{ name: "lookup", arguments: { q: "loupe" } }] });
    const chunks = (await sseData(await chat({ stream: true }))).slice(0, -1).map((d) => JSON.parse(d) as Json);
    const fragments = chunks.flatMap((c) => c.choices[0]?.delta?.tool_calls ?? []);
    expect(fragments[0]).toMatchObject({ index: 0, type: "function", function: { name: "lookup", arguments: "" } });
    expect(fragments.map((f) => f.function.arguments).join("")).toBe('{"q":"loupe"}');
    expect(chunks.at(-1).choices[0].finish_reason).toBe("tool_calls");
  });

  it("answers json_schema structured output with a conforming object", async () => {
    const schema = {
      type: "object",
      properties: { score: { type: "number", minimum: 0 }, label: { enum: ["good", "bad"] }, ok: { type: "boolean" } },
    };
    const body = await read(await chat({ response_format: { type: "json_schema", json_schema: { name: "verdict", schema } } }));
    expect(JSON.parse(body.choices[0].message.content)).toEqual({ score: 0, label: "good", ok: true });
  });

  it("plays scripted replies in order, then the default again", async () => {
    fake.reply({ text: "first" }, { json: { a: 1 }, usage: { input: 7, output: 3 } });
    expect((await read(await chat({}))).choices[0].message.content).toBe("first");
    const second = await read(await chat({}));
    expect(second.choices[0].message.content).toBe('{"a":1}');
    expect(second.usage).toEqual({ prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 });
    expect((await read(await chat({}))).choices[0].message.content).toBe("Echo: hello world");
  });

  it("lists its models and answers unknown models with 404 model_not_found", async () => {
    const models = await read(await fetch(`${fake.url}/models`, { headers: auth }));
    expect(models.data.map((m: { id: string }) => m.id)).toEqual(["gpt-4o-mini", "gpt-4o"]);
    const res = await chat({ model: "gpt-9" });
    expect(res.status).toBe(404);
    expect((await read(res)).error.code).toBe("model_not_found");
  });

  it("accepts Azure deployment paths with an api-key header", async () => {
    const res = await post(
      `${fake.origin}/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21`,
      { messages: [{ role: "user", content: "az" }] },
      { "api-key": "test-key" },
    );
    expect((await read(res)).model).toBe("gpt-4o");
  });

  it("refuses a wrong key with 401", async () => {
    const res = await chat({}, { authorization: "Bearer nope" });
    expect(res.status).toBe(401);
    expect((await read(res)).error.code).toBe("invalid_api_key");
  });

  it("fails on demand: 429 with retry-after, then 500, then answers again", async () => {
    fake.fail({ kind: "status", status: 429, retryAfterSeconds: 7 });
    fake.fail({ kind: "status", status: 500 });
    const limited = await chat({});
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("7");
    expect((await read(limited)).error.code).toBe("rate_limit_exceeded");
    expect((await chat({})).status).toBe(500);
    expect((await chat({})).status).toBe(200);
  });

  it("hangs until the client gives up", async () => {
    fake.fail({ kind: "hang" });
    const started = Date.now();
    await expect(
      fetch(`${fake.url}/chat/completions`, { method: "POST", headers: auth, body: "{}", signal: AbortSignal.timeout(150) }),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("sends malformed JSON and truncated streams on demand", async () => {
    fake.fail({ kind: "malformed-json" });
    const res = await chat({});
    expect(res.status).toBe(200);
    await expect(res.clone().json()).rejects.toThrow();
    fake.fail({ kind: "malformed-json" });
    expect(await sseData(await chat({ stream: true }))).toContain("{this is not json}");
    fake.fail({ kind: "truncated-stream" });
    const truncated = await chat({ stream: true });
    await expect(truncated.text()).rejects.toThrow();
  });
});

describe("fake Anthropic server", () => {
  let fake: FakeLlmServer;
  const headers = { "x-api-key": "test-key", "anthropic-version": "2023-06-01" };
  const messages = (body: Record<string, unknown>, h = headers) =>
    post(
      `${fake.url}/messages`,
      { model: "claude-3-5-haiku-latest", max_tokens: 100, messages: [{ role: "user", content: "hey" }], ...body },
      h,
    );
  beforeAll(async () => {
    fake = await startFakeAnthropic();
  });
  beforeEach(() => fake.reset());
  afterAll(() => fake.close());

  it("answers a message with text content and usage", async () => {
    const body = await read(await messages({}));
    expect(body).toMatchObject({
      type: "message",
      role: "assistant",
      content: [{ type: "text", text: "Echo: hey" }],
      stop_reason: "end_turn",
    });
    expect(body.usage.output_tokens).toBe(3);
  });

  it("streams the Messages API event sequence", async () => {
    const res = await messages({ stream: true });
    const text = await res.text();
    const events = [...text.matchAll(/^event: (\S+)$/gm)].map((m) => m[1]);
    expect(events[0]).toBe("message_start");
    expect(events).toContain("content_block_delta");
    expect(events.slice(-2)).toEqual(["message_delta", "message_stop"]);
    const deltas = [...text.matchAll(/"text_delta","text":"([^"]*)"/g)].map((m) => m[1]).join("");
    expect(deltas).toBe("Echo: hey");
  });

  it("uses a forced tool and streams its input as input_json_delta", async () => {
    const tools = [
      { name: "a", input_schema: { type: "object" } },
      { name: "verdict", input_schema: { type: "object", properties: { score: { type: "number" } } } },
    ];
    const body = await read(await messages({ tools, tool_choice: { type: "tool", name: "verdict" } }));
    expect(body.stop_reason).toBe("tool_use");
    expect(body.content).toEqual([{ type: "tool_use", id: "toolu_0", name: "verdict", input: { score: 1 } }]);
    const stream = await (await messages({ tools, tool_choice: { type: "tool", name: "verdict" }, stream: true })).text();
    const partial = [...stream.matchAll(/"partial_json":"((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1]}"`)).join("");
    expect(JSON.parse(partial)).toEqual({ score: 1 });
  });

  it("answers errors in Anthropic's shape", async () => {
    const bad = await messages({}, { ...headers, "x-api-key": "wrong" });
    expect(bad.status).toBe(401);
    expect(await read(bad)).toEqual({ type: "error", error: { type: "authentication_error", message: "invalid x-api-key" } });
    fake.fail({ kind: "status", status: 429, retryAfterSeconds: 3 });
    const limited = await messages({});
    expect(limited.headers.get("retry-after")).toBe("3");
    expect((await read(limited)).error.type).toBe("rate_limit_error");
    expect((await messages({ model: "claude-0" })).status).toBe(404);
    expect((await messages({ max_tokens: undefined })).status).toBe(400);
  });
});

describe("fake Gemini server", () => {
  let fake: FakeLlmServer;
  beforeAll(async () => {
    fake = await startFakeGemini();
  });
  afterAll(() => fake.close());
  const generate = (method: string, body: Record<string, unknown>, key = "test-key") =>
    post(
      `${fake.url}/models/gemini-2.0-flash:${method}`,
      { contents: [{ role: "user", parts: [{ text: "ciao" }] }], ...body },
      { "x-goog-api-key": key },
    );

  it("generates content, streams it, and refuses a bad key like Google does (400)", async () => {
    const body = await read(await generate("generateContent", {}));
    expect(body.candidates[0].content.parts).toEqual([{ text: "Echo: ciao" }]);
    expect(body.usageMetadata.candidatesTokenCount).toBe(3);
    const data = await sseData(await generate("streamGenerateContent?alt=sse", {}));
    expect(
      data
        .map((d) =>
          JSON.parse(d)
            .candidates[0].content.parts.map((p: { text?: string }) => p.text ?? "")
            .join(""),
        )
        .join(""),
    ).toBe("Echo: ciao");
    const bad = await generate("generateContent", {}, "nope");
    expect(bad.status).toBe(400);
    expect((await read(bad)).error.message).toMatch(/API key not valid/);
  });
});
