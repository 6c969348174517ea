import { ZCreatePromptBody } from "@loupe/contracts";
import { describe, expect, it } from "vitest";
import { compilePrompt } from "./compile.ts";
import { listFolder } from "./folders.ts";
import {
  type PromptReference,
  PromptReferenceError,
  parsePromptReferences,
  type ResolvableVersion,
  resolvePromptReferences,
} from "./references.ts";
import { contentProblems, extractVariables, fillVariables, promptPlaceholders, promptVariables, splitVariables } from "./variables.ts";

describe("variables", () => {
  it("finds variables across several texts once each and fills only known ones, values taken literally", () => {
    expect(extractVariables(["Hi {{ name }}, {{topic}}", "{{name}} again {{ 1bad }}"])).toEqual(["name", "topic"]);
    expect(fillVariables("Hi {{ name }} {{missing}} {{name}}", { name: "$& Ada" })).toBe("Hi $& Ada {{missing}} $& Ada");
  });

  it("finds distinct {{variables}} in order, allowing whitespace inside the braces", () => {
    expect(extractVariables("Hi {{name}}, {{ city }} and {{name}} again; {{ not a var }} {{1x}}")).toEqual(["name", "city"]);
  });
  it("splits a text into literal and variable parts that join back to the input", () => {
    const text = "{{a}} and {{ b }}!";
    const parts = splitVariables(text);
    expect(parts).toEqual([{ text: "{{a}}", variable: "a" }, { text: " and " }, { text: "{{ b }}", variable: "b" }, { text: "!" }]);
    expect(parts.map((p) => p.text).join("")).toBe(text);
  });
  it("reads chat variables from message contents and placeholders by name", () => {
    const chat = [
      { role: "system", content: "You help {{user}}" },
      { type: "placeholder" as const, name: "history" },
      { role: "user", content: "{{question}}" },
    ];
    expect(promptVariables(chat)).toEqual(["user", "question"]);
    expect(promptPlaceholders(chat)).toEqual(["history"]);
    expect(contentProblems(chat)).toEqual([]);
    expect(contentProblems([...chat, { role: "user", content: "{{history}}" }])).toEqual([
      "'history' is both a variable and a placeholder name; rename one of them",
    ]);
  });
});

describe("compilePrompt", () => {
  it("fills text variables and reports missing and unknown names", () => {
    const r = compilePrompt("Hello {{name}} from {{ city }}", { variables: { name: "Ada", typo: "x" } });
    expect(r).toEqual({ compiled: "Hello Ada from {{ city }}", missing: ["city"], unknown: ["typo"] });
  });
  it("replaces placeholders with their messages and fills chat variables; values are not re-expanded", () => {
    const chat = [
      { role: "system", content: "Be {{tone}}" },
      { type: "placeholder" as const, name: "history" },
    ];
    const r = compilePrompt(chat, {
      variables: { tone: "{{tone}} brief" },
      placeholders: {
        history: [
          { role: "user", content: "hi" },
          { role: "assistant", content: "hello" },
        ],
      },
    });
    expect(r.compiled).toEqual([
      { role: "system", content: "Be {{tone}} brief" },
      { role: "user", content: "hi" },
      { role: "assistant", content: "hello" },
    ]);
    expect(r.missing).toEqual([]);
    expect(compilePrompt(chat, {}).missing).toEqual(["tone", "history"]);
  });
});

describe("prompt references", () => {
  const store: ResolvableVersion[] = [
    { id: "base1", name: "base", version: 1, type: "text", prompt: "You are {{persona}}." },
    { id: "mid1", name: "mid", version: 1, type: "text", prompt: "@@@langfusePrompt:name=base|version=1@@@ Be kind." },
    { id: "chat1", name: "chatty", version: 1, type: "chat", prompt: [{ role: "user", content: "x" }] },
    { id: "loopA", name: "loop-a", version: 1, type: "text", prompt: "@@@langfusePrompt:name=loop-b|label=production@@@" },
    { id: "loopB", name: "loop-b", version: 1, type: "text", prompt: "@@@langfusePrompt:name=loop-a|label=production@@@" },
  ];
  const labels: Record<string, string> = {
    "base:production": "base1",
    "mid:production": "mid1",
    "loop-a:production": "loopA",
    "loop-b:production": "loopB",
    "chatty:production": "chat1",
  };
  const load = async (ref: PromptReference) =>
    store.find((v) => ("label" in ref ? v.id === labels[`${ref.name}:${ref.label}`] : v.name === ref.name && v.version === ref.version)) ??
    null;
  const root = (prompt: ResolvableVersion["prompt"]): ResolvableVersion => ({
    id: "new",
    name: "root",
    version: 1,
    type: typeof prompt === "string" ? "text" : "chat",
    prompt,
  });

  it("parses label and version references and refuses malformed tags", () => {
    expect(parsePromptReferences("a @@@langfusePrompt:name=x/y|label=prod@@@ b @@@langfusePrompt:name=z|version=3@@@")).toEqual([
      { tag: "@@@langfusePrompt:name=x/y|label=prod@@@", name: "x/y", label: "prod" },
      { tag: "@@@langfusePrompt:name=z|version=3@@@", name: "z", version: 3 },
    ]);
    expect(() => parsePromptReferences("@@@langfusePrompt:label=p|name=x@@@")).toThrow(PromptReferenceError);
    expect(() => parsePromptReferences("@@@langfusePrompt:name=x|version=zero@@@")).toThrow(/not a prompt reference/);
  });

  it("resolves nested references in text and chat content and returns the graph", async () => {
    const text = await resolvePromptReferences(root("Start. @@@langfusePrompt:name=mid|label=production@@@"), load);
    expect(text.prompt).toBe("Start. You are {{persona}}. Be kind.");
    expect(text.graph).toEqual({
      root: { id: "new", name: "root", version: 1 },
      dependencies: { new: [{ id: "mid1", name: "mid", version: 1 }], mid1: [{ id: "base1", name: "base", version: 1 }] },
    });
    const chat = await resolvePromptReferences(
      root([
        { role: "system", content: "@@@langfusePrompt:name=base|version=1@@@" },
        { type: "placeholder", name: "h" },
      ]),
      load,
    );
    expect(chat.prompt).toEqual([
      { role: "system", content: "You are {{persona}}." },
      { type: "placeholder", name: "h" },
    ]);
    expect((await resolvePromptReferences(root("plain"), load)).graph).toBeNull();
  });

  it("refuses a missing reference, a cycle, a self reference and a chat prompt", async () => {
    await expect(resolvePromptReferences(root("@@@langfusePrompt:name=nope|label=production@@@"), load)).rejects.toThrow(
      "'root' references 'nope' with label 'production', which does not exist",
    );
    await expect(resolvePromptReferences(root("@@@langfusePrompt:name=loop-a|label=production@@@"), load)).rejects.toThrow(/a cycle/);
    await expect(resolvePromptReferences(root("@@@langfusePrompt:name=root|version=1@@@"), load)).rejects.toThrow(/cannot include itself/);
    await expect(resolvePromptReferences(root("@@@langfusePrompt:name=chatty|label=production@@@"), load)).rejects.toThrow(
      /only text prompts/,
    );
  });
});

describe("folders", () => {
  it("lists sub-folders with counts, then the prompts directly inside", () => {
    const items = [{ name: "support/triage" }, { name: "support/billing/refund" }, { name: "top" }, { name: "support/faq" }];
    expect(listFolder(items, "")).toEqual([
      { kind: "folder", name: "support", path: "support", count: 3 },
      { kind: "prompt", item: { name: "top" } },
    ]);
    expect(listFolder(items, "support").map((e) => (e.kind === "folder" ? `dir:${e.name}` : e.item.name))).toEqual([
      "dir:billing",
      "support/triage",
      "support/faq",
    ]);
  });
});

describe("ZCreatePromptBody", () => {
  const issue = (body: unknown) => ZCreatePromptBody.safeParse(body).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  it("defaults to a text prompt with {} config and no labels", () => {
    expect(ZCreatePromptBody.parse({ name: "a/b", prompt: "hi", config: null })).toEqual({
      name: "a/b",
      prompt: "hi",
      type: "text",
      config: {},
      labels: [],
    });
  });
  it("names the problem of bad names, labels, configs and chat items", () => {
    expect(issue({ name: "a|b", prompt: "x" })).toEqual(["name: name cannot contain '|' (it separates the parts of a prompt reference)"]);
    expect(issue({ name: "a//b", prompt: "x" })?.[0]).toMatch(/single '\/'/);
    expect(issue({ name: "new", prompt: "x" })).toEqual(["name: name cannot be 'new'"]);
    expect(issue({ name: "a", prompt: "x", labels: ["Prod"] })?.[0]).toMatch(/^labels.0: a label is lowercase/);
    expect(issue({ name: "a", prompt: "x", config: [1] })).toEqual(["config: config must be a JSON object"]);
    expect(issue({ name: "a", type: "chat", prompt: [{ role: "user" }] })?.[0]).toMatch(/^prompt.0: /);
    expect(issue({ name: "a", type: "chat", prompt: "not messages" })?.[0]).toMatch(/^prompt: /);
    expect(issue({ name: "a", type: "image", prompt: "x" })).toEqual(['type: type must be "text" or "chat"']);
    expect(issue({ name: "a", prompt: "x".repeat(200_001) })?.[0]).toMatch(/longer than 200000/);
  });
});
