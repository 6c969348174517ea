import { describe, expect, it } from "vitest";
import { ZCreatePromptBody, type TPromptVersionView } from "@loupe/contracts";
import {
  buildCall,
  draftFromGeneration,
  draftFromPromptVersion,
  draftPlaceholders,
  draftVariables,
  emptyDraft,
  newColumn,
  type PlaygroundDraft,
  promptBodyFromDraft,
} from "./draft";

const draft = (over: Partial<PlaygroundDraft>): PlaygroundDraft => ({ ...emptyDraft(), ...over });
const column = newColumn({ connectionId: "c1", model: "gpt-4o-mini", temperature: "0.3", maxTokens: "200" });

describe("playground draft → call", () => {
  it("fills variables, expands placeholders and reads the column's parameters", () => {
    const d = draft({
      messages: [
        { id: "1", role: "system", content: "You answer about {{topic}}." },
        { id: "2", role: "placeholder", name: "history" },
        { id: "3", role: "user", content: "{{question}} {{ unset }}" },
      ],
      variables: { topic: "cats", question: "Why purr?" },
      placeholders: { history: '[{"role":"user","content":"hi"},{"role":"assistant","content":"hello"}]' },
    });
    expect(draftVariables(d)).toEqual(["topic", "question", "unset"]);
    const built = buildCall(d, column);
    expect(built).toEqual({
      ok: true,
      call: {
        model: "gpt-4o-mini",
        messages: [
          { role: "system", content: "You answer about cats." },
          { role: "user", content: "hi" },
          { role: "assistant", content: "hello" },
          { role: "user", content: "Why purr? {{ unset }}" },
        ],
        params: { temperature: 0.3, maxTokens: 200 },
      },
    });
  });

  it("accepts tools in OpenAI's shape and a bare JSON schema as the output", () => {
    const built = buildCall(
      draft({
        messages: [{ id: "1", role: "user", content: "q" }],
        toolsJson: '[{"type":"function","function":{"name":"lookup","parameters":{"type":"object"}}}]',
        schemaJson: '{"type":"object","properties":{"score":{"type":"number"}}}',
      }),
      column,
    );
    expect(built.ok && built.call.tools).toEqual([{ name: "lookup", parameters: { type: "object" } }]);
    expect(built.ok && built.call.structuredOutput).toEqual({
      name: "output",
      schema: { type: "object", properties: { score: { type: "number" } } },
    });
  });

  it("explains what is wrong instead of sending it", () => {
    const base = { messages: [{ id: "1", role: "user" as const, content: "q" }] };
    expect(buildCall(draft({ ...base, toolsJson: "[{" }), column)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Tools is not valid JSON/),
    });
    expect(buildCall(draft({ ...base, toolsJson: '[{"name":"bad name"}]' }), column)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/tool names are/),
    });
    expect(buildCall(draft(base), { ...column, temperature: "9" })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/params.temperature/),
    });
    expect(buildCall(draft(base), { ...column, model: "" })).toMatchObject({ ok: false, error: "model: pick a model" });
    const bad = draft({ messages: [{ id: "p", role: "placeholder", name: "h" }], placeholders: { h: '[{"role":"robot"}]' } });
    expect(buildCall(bad, column)).toMatchObject({ ok: false, error: expect.stringMatching(/Placeholder "h" must be a list/) });
  });

  it("prefills from a generation's OpenAI-style input and parameters", () => {
    const d = draftFromGeneration(
      {
        input: [
          { role: "system", content: "sys" },
          { role: "user", content: [{ type: "text", text: "hello" }] },
        ],
        model: "gpt-4o",
        modelParameters: { temperature: 0.7, max_tokens: "512" },
      },
      emptyDraft(),
    );
    expect(d.messages.map((m) => (m.role === "placeholder" ? m.name : `${m.role}:${m.content}`))).toEqual(["system:sys", "user:hello"]);
    expect(d.columns[0]).toMatchObject({ model: "gpt-4o", temperature: "0.7", maxTokens: "512", topP: "" });
    expect(draftFromGeneration({ input: "plain prompt", model: null, modelParameters: null }, emptyDraft()).messages).toMatchObject([
      { role: "user", content: "plain prompt" },
    ]);
  });
});

const version = (over: Partial<TPromptVersionView>): TPromptVersionView => ({
  id: "p1",
  version: 3,
  type: "chat",
  prompt: [],
  config: {},
  labels: [],
  commitMessage: null,
  createdBy: "Ada",
  createdAt: "2026-12-01T10:00:00.000Z",
  ...over,
});

describe("playground ↔ prompt versions", () => {
  const chat = version({
    prompt: [
      { role: "system", content: "You triage {{product}} tickets." },
      { type: "placeholder", name: "history" },
      { role: "user", content: "{{ticket}}" },
    ],
    config: {
      model: "gpt-4o-mini",
      temperature: 0.2,
      max_tokens: 300,
      tools: [{ name: "lookup", description: "Find an order", parameters: { type: "object" } }],
      response_format: { type: "json_schema", json_schema: { name: "triage", schema: { type: "object" } } },
    },
  });

  it("opens a chat version: messages, placeholders, variables, model, parameters, tools and schema", () => {
    const d = draftFromPromptVersion("support/triage", chat, emptyDraft());
    expect(d.messages.map((m) => (m.role === "placeholder" ? `[${m.name}]` : `${m.role}:${m.content}`))).toEqual([
      "system:You triage {{product}} tickets.",
      "[history]",
      "user:{{ticket}}",
    ]);
    expect(draftVariables(d)).toEqual(["product", "ticket"]);
    expect(draftPlaceholders(d)).toEqual(["history"]);
    expect(d.columns).toHaveLength(1);
    expect(d.columns[0]).toMatchObject({ model: "gpt-4o-mini", temperature: "0.2", maxTokens: "300", topP: "" });
    expect(JSON.parse(d.toolsJson)).toEqual(chat.config.tools);
    expect(JSON.parse(d.schemaJson)).toEqual({ name: "triage", schema: { type: "object" } });
    expect(d.fromPrompt).toEqual({ name: "support/triage", version: 3, type: "chat" });
  });

  it("saves the draft back as an equal chat version that the prompts API accepts", () => {
    const d = draftFromPromptVersion("support/triage", chat, emptyDraft());
    const [column] = d.columns;
    if (!column) throw new Error("no column");
    const built = promptBodyFromDraft(d, column, { name: "support/triage", commitMessage: " tuned in the playground " });
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.body).toEqual({
      name: "support/triage",
      type: "chat",
      prompt: chat.prompt,
      config: chat.config,
      labels: [],
      commitMessage: "tuned in the playground",
    });
    expect(ZCreatePromptBody.safeParse(built.body).success).toBe(true);
  });

  it("keeps a text prompt a text prompt while it is one message, and refuses a bad parameter or JSON", () => {
    const d = draftFromPromptVersion(
      "greet",
      version({ type: "text", prompt: "Hello {{name}}", config: { model: "m", top_p: 0.9 } }),
      emptyDraft(),
    );
    expect(d.messages).toMatchObject([{ role: "user", content: "Hello {{name}}" }]);
    const column = d.columns[0] ?? newColumn();
    expect(promptBodyFromDraft(d, column, { name: "greet", commitMessage: "" })).toEqual({
      ok: true,
      body: { name: "greet", type: "text", prompt: "Hello {{name}}", config: { model: "m", top_p: 0.9 }, labels: [], commitMessage: null },
    });
    const two = { ...d, messages: [...d.messages, { id: "x", role: "assistant" as const, content: "Hi" }] };
    expect(promptBodyFromDraft(two, column, { name: "greet", commitMessage: "" })).toMatchObject({ ok: true, body: { type: "chat" } });
    expect(promptBodyFromDraft(d, { ...column, temperature: "warm" }, { name: "greet", commitMessage: "" })).toEqual({
      ok: false,
      error: "temperature must be a number",
    });
    expect(promptBodyFromDraft({ ...d, toolsJson: "[" }, column, { name: "greet", commitMessage: "" })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Tools is not valid JSON/),
    });
  });
});
