import { describe, expect, it } from "vitest";
import { buildCall, draftFromGeneration, draftVariables, emptyDraft, newColumn, type PlaygroundDraft } from "./draft";

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
