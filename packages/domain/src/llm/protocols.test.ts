import type { TLlmCall } from "@loupe/contracts";
import { describe, expect, it } from "vitest";
import { anthropicBody } from "./anthropic.ts";
import { geminiBody } from "./gemini.ts";
import { connectionModels, LLM_PROTOCOLS } from "./index.ts";
import { openAiBody } from "./openai.ts";
import { classifyProviderStatus, parseRetryAfter } from "./protocol.ts";

const toolTurn: TLlmCall = {
  model: "m",
  params: {},
  messages: [
    { role: "system", content: "sys A" },
    { role: "system", content: "sys B" },
    { role: "user", content: "weather in Paris and Rome?" },
    {
      role: "assistant",
      content: "",
      toolCalls: [
        { id: "c1", name: "get_weather", arguments: '{"city":"Paris"}' },
        { id: "c2", name: "get_weather", arguments: '{"city":"Rome"}' },
      ],
    },
    { role: "tool", toolCallId: "c1", content: "sunny" },
    { role: "tool", toolCallId: "c2", content: "rain" },
  ],
};

describe("provider request mapping", () => {
  it("OpenAI: tool calls and results keep their ids; required tool choice and json_schema pass through", () => {
    const body = openAiBody(
      { ...toolTurn, toolChoice: { name: "get_weather" }, structuredOutput: { name: "s", schema: { type: "object" } } },
      true,
    );
    expect(body.messages).toContainEqual({
      role: "assistant",
      content: null,
      tool_calls: [
        { id: "c1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } },
        { id: "c2", type: "function", function: { name: "get_weather", arguments: '{"city":"Rome"}' } },
      ],
    });
    expect(body.messages).toContainEqual({ role: "tool", tool_call_id: "c2", content: "rain" });
    expect(body.tool_choice).toEqual({ type: "function", function: { name: "get_weather" } });
    expect(body.response_format).toEqual({ type: "json_schema", json_schema: { name: "s", schema: { type: "object" }, strict: false } });
    expect(body.stream_options).toEqual({ include_usage: true });
    expect(openAiBody({ ...toolTurn, params: { maxTokens: 5 } }, false)).toMatchObject({ max_tokens: 5 });
    expect(openAiBody({ ...toolTurn, model: "o4-mini", params: { maxTokens: 5 } }, false)).toMatchObject({ max_completion_tokens: 5 });
  });

  it("Anthropic: systems joined, both tool results in one user turn, a default max_tokens, structured output as a forced tool", () => {
    const body = anthropicBody({ ...toolTurn, structuredOutput: { name: "verdict", schema: { type: "object" } } }, false);
    expect(body.system).toBe("sys A\n\nsys B");
    expect(body.max_tokens).toBe(4096);
    const messages = body.messages as { role: string; content: { type: string }[] }[];
    expect(messages.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
    expect(messages[1]?.content).toEqual([
      { type: "tool_use", id: "c1", name: "get_weather", input: { city: "Paris" } },
      { type: "tool_use", id: "c2", name: "get_weather", input: { city: "Rome" } },
    ]);
    expect(messages[2]?.content).toEqual([
      { type: "tool_result", tool_use_id: "c1", content: "sunny" },
      { type: "tool_result", tool_use_id: "c2", content: "rain" },
    ]);
    expect(body.tool_choice).toEqual({ type: "tool", name: "verdict" });
    expect(anthropicBody({ ...toolTurn, tools: [{ name: "t", parameters: {} }], toolChoice: "required" }, false).tool_choice).toEqual({
      type: "any",
    });
  });

  it("Gemini: tool results name their function, systemInstruction and JSON schema output", () => {
    const body = geminiBody({ ...toolTurn, structuredOutput: { name: "s", schema: { type: "object" } }, params: { maxTokens: 9 } });
    expect(body.systemInstruction).toEqual({ parts: [{ text: "sys A\n\nsys B" }] });
    const contents = body.contents as { role: string; parts: unknown[] }[];
    expect(contents.map((c) => c.role)).toEqual(["user", "model", "user", "user"]);
    expect(contents[3]?.parts).toEqual([{ functionResponse: { name: "get_weather", response: { content: "rain" } } }]);
    expect(body.generationConfig).toEqual({
      maxOutputTokens: 9,
      responseMimeType: "application/json",
      responseJsonSchema: { type: "object" },
    });
  });

  it("Azure puts the deployment in the path with an api-version, and sends api-key", () => {
    const req = LLM_PROTOCOLS.azure.buildRequest(
      { baseURL: "https://r.openai.azure.com/openai/deployments/", secretKey: "k" },
      { ...toolTurn, model: "my dep" },
      false,
    );
    expect(req.url).toBe("https://r.openai.azure.com/openai/deployments/my%20dep/chat/completions?api-version=2024-10-21");
    expect(req.headers).toEqual({ "api-key": "k" });
  });
});

describe("provider errors", () => {
  const classify = (status: number, message?: string, retryAfterSeconds?: number) =>
    classifyProviderStatus({ status, message, retryAfterSeconds, model: "gpt-x", adapter: "openai" });

  it("maps statuses to kinds a person and a retry policy can act on", () => {
    expect(classify(401, "Incorrect API key").kind).toBe("auth");
    expect(classify(400, "API key not valid. Please pass a valid API key.").kind).toBe("auth");
    expect(classify(404).message).toBe('The provider does not know the model "gpt-x" (404).');
    expect(classify(400, "The model `gpt-x` does not exist").kind).toBe("unknown_model");
    expect(classify(429, "slow down", 3)).toEqual({
      kind: "rate_limited",
      status: 429,
      retryAfterSeconds: 3,
      message: "Rate limited by the provider (429): slow down. Retry after 3 s.",
    });
    expect(classify(529).kind).toBe("provider_error");
    expect(classify(422, "temperature too high").kind).toBe("bad_request");
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    expect(parseRetryAfter("7")).toBe(7);
    expect(parseRetryAfter(new Date(Date.UTC(2030, 0, 1, 0, 0, 30)).toUTCString(), Date.UTC(2030, 0, 1))).toBe(30);
    expect(parseRetryAfter("soon")).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

describe("models", () => {
  it("lists custom models before the adapter defaults, without duplicates", () => {
    expect(connectionModels({ adapter: "openai", customModels: ["my-ft", "gpt-4o"], withDefaultModels: true }).slice(0, 3)).toEqual([
      "my-ft",
      "gpt-4o",
      "gpt-4o-mini",
    ]);
    expect(connectionModels({ adapter: "anthropic", customModels: ["x"], withDefaultModels: false })).toEqual(["x"]);
  });
});
