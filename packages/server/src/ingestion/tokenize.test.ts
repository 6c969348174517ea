import { describe, expect, it } from "vitest";
import { countTokens } from "./tokenize.ts";

const openai = (model: string) => ({
  tokenizerId: "openai",
  tokenizerConfig: { tokenizerModel: model, tokensPerMessage: 3, tokensPerName: 1 },
});

describe("countTokens", () => {
  it("counts plain text with the model's encoding", async () => {
    // "hello world" is 2 tokens in both cl100k_base and o200k_base.
    expect(await countTokens({ ...openai("gpt-4o"), input: "hello world", output: "hello world" })).toEqual({
      input: 2,
      output: 2,
      total: 4,
    });
    expect(await countTokens({ ...openai("gpt-4"), input: "hello world", output: null })).toEqual({ input: 2, output: 0, total: 2 });
    // The first calls load both encodings' rank tables (seconds on a loaded machine).
  }, 30_000);

  it("applies OpenAI's chat message overhead", async () => {
    const messages = [
      { role: "system", content: "hello world" },
      { role: "user", content: "hello world", name: "bob" },
    ];
    // 3 (primer) + 2 × (3 per message + 1 role + 2 content) + (1 per name + 1 "bob")
    expect((await countTokens({ ...openai("gpt-4o"), input: messages, output: "" }))?.input).toBe(3 + 2 * (3 + 1 + 2) + 1 + 1);
  });

  it("approximates claude models and ignores unknown tokenizers", async () => {
    expect((await countTokens({ tokenizerId: "claude", tokenizerConfig: null, input: "hello world", output: "" }))?.input).toBe(2);
    expect(await countTokens({ tokenizerId: "gemini", tokenizerConfig: null, input: "hello", output: "" })).toBeNull();
    expect(await countTokens({ ...openai("gpt-4o"), input: null, output: undefined })).toBeNull();
  });
});
