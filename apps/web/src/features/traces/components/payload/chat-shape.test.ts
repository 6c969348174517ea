import { describe, expect, it } from "vitest";
import { asChat } from "./chat-shape";

describe("asChat", () => {
  it("reads OpenAI messages with content parts, tool calls and tool results", () => {
    const chat = asChat([
      { role: "system", content: "Be brief." },
      {
        role: "user",
        content: [
          { type: "text", text: "What is this?" },
          { type: "image_url", image_url: { url: "https://x/y.png" } },
        ],
      },
      {
        role: "assistant",
        content: null,
        tool_calls: [{ id: "c1", type: "function", function: { name: "lookup", arguments: '{"q":1}' } }],
      },
      { role: "tool", tool_call_id: "c1", content: "found" },
    ]);
    expect(chat?.map((m) => m.role)).toEqual(["system", "user", "assistant", "tool"]);
    expect(chat?.[1]?.parts).toEqual([
      { kind: "text", text: "What is this?" },
      { kind: "image", url: "https://x/y.png" },
    ]);
    expect(chat?.[2]?.parts).toEqual([{ kind: "tool-call", id: "c1", name: "lookup", args: { q: 1 } }]);
    expect(chat?.[3]?.parts).toEqual([{ kind: "tool-result", id: "c1", content: "found", isError: false }]);
  });

  it("reads Anthropic tool_use/tool_result parts, {messages}, a single message and choices", () => {
    const chat = asChat({
      messages: [
        { role: "assistant", content: [{ type: "tool_use", id: "t1", name: "search", input: { q: "a" } }] },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "t1", content: "ok" }] },
      ],
    });
    expect(chat?.[0]?.parts[0]).toMatchObject({ kind: "tool-call", name: "search" });
    expect(chat?.[1]?.parts[0]).toMatchObject({ kind: "tool-result", id: "t1" });
  });

  it("flags tool results with is_error and shows JSON results parsed, keys in the order sent", () => {
    const chat = asChat({
      messages: [
        { role: "user", content: [{ type: "tool_result", tool_use_id: "t1", content: "no such order", is_error: true }] },
        { role: "tool", tool_call_id: "c2", content: '{"zeta":1,"alpha":{"b":2,"a":1}}' },
      ],
    });
    expect(chat?.[0]?.parts[0]).toMatchObject({ kind: "tool-result", isError: true, content: "no such order" });
    const result = chat?.[1]?.parts[0];
    expect(result).toMatchObject({ kind: "tool-result", isError: false, content: { zeta: 1, alpha: { b: 2, a: 1 } } });
    expect(Object.keys((result as { content: Record<string, unknown> }).content)).toEqual(["zeta", "alpha"]);
    expect(asChat({ role: "assistant", content: "hi" })?.[0]?.parts).toEqual([{ kind: "text", text: "hi" }]);
    expect(asChat({ choices: [{ message: { role: "assistant", content: "x" } }] })?.length).toBe(1);
  });

  it("is null for anything else", () => {
    expect(asChat("text")).toBeNull();
    expect(asChat({ question: "x" })).toBeNull();
    expect(asChat([])).toBeNull();
    expect(asChat([{ role: "user", content: "a" }, { foo: 1 }])).toBeNull();
  });
});
