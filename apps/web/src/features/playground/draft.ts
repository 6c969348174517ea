import {
  type TChatItem,
  type TCreatePromptBody,
  type TLlmCall,
  type TLlmMessage,
  type TPromptVersionView,
  ZLlmCall,
  ZLlmMessage,
  ZLlmTool,
} from "@loupe/contracts";
import { extractVariables, fillVariables } from "@loupe/domain";
import { z } from "zod";
import { asChat } from "@/features/traces";

// The playground's editable state and the one pure step from it to a provider-neutral call.

export type EditorMessage =
  | { id: string; role: "system" | "user" | "assistant"; content: string }
  /** Stands for a list of messages filled in the side panel (Langfuse's chat placeholders). */
  | { id: string; role: "placeholder"; name: string };

export type ColumnConfig = { id: string; connectionId: string; model: string; temperature: string; maxTokens: string; topP: string };

export type PlaygroundDraft = {
  messages: EditorMessage[];
  variables: Record<string, string>;
  /** Placeholder name → JSON array of {role, content}. */
  placeholders: Record<string, string>;
  toolsJson: string;
  schemaJson: string;
  columns: ColumnConfig[];
  /** The prompt version the draft was opened from: the default target of "Save as prompt version". */
  fromPrompt?: { name: string; version: number; type: "text" | "chat" };
};

export const MAX_COLUMNS = 3;

let counter = 0;
export const newId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

export const newColumn = (from?: Partial<ColumnConfig>): ColumnConfig => ({
  id: newId("col"),
  connectionId: "",
  model: "",
  temperature: "",
  maxTokens: "",
  topP: "",
  ...from,
});

export function emptyDraft(): PlaygroundDraft {
  return {
    messages: [
      { id: newId("m"), role: "system", content: "You are a helpful assistant." },
      { id: newId("m"), role: "user", content: "" },
    ],
    variables: {},
    placeholders: {},
    toolsJson: "",
    schemaJson: "",
    columns: [newColumn()],
  };
}

/** `{{variables}}` used by the messages, in order. */
export function draftVariables(draft: Pick<PlaygroundDraft, "messages">): string[] {
  return extractVariables(draft.messages.flatMap((m) => (m.role === "placeholder" ? [] : [m.content])));
}

export const draftPlaceholders = (draft: Pick<PlaygroundDraft, "messages">) =>
  draft.messages.flatMap((m) => (m.role === "placeholder" && m.name.trim() ? [m.name.trim()] : []));

type Built = { ok: true; call: TLlmCall } | { ok: false; error: string };

function parseJson(text: string, what: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: `${what} is not valid JSON: ${(error as Error).message}` };
  }
}

/** Tools as our shape or OpenAI's ({type:"function", function:{…}}). */
const ZToolsInput = z.array(z.unknown()).transform((items) => items.map((t) => ((t as { function?: unknown })?.function ?? t) as unknown));

const issueText = (issues: z.core.$ZodIssue[]) =>
  issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");

export function buildCall(draft: PlaygroundDraft, column: ColumnConfig): Built {
  const messages: TLlmMessage[] = [];
  for (const m of draft.messages) {
    if (m.role !== "placeholder") {
      messages.push({ role: m.role, content: fillVariables(m.content, draft.variables) });
      continue;
    }
    const raw = draft.placeholders[m.name.trim()]?.trim();
    if (!raw) continue;
    const parsed = parseJson(raw, `Placeholder "${m.name}"`);
    if (!parsed.ok) return parsed;
    const list = z.array(ZLlmMessage).safeParse(parsed.value);
    if (!list.success)
      return { ok: false, error: `Placeholder "${m.name}" must be a list of {role, content} messages (${issueText(list.error.issues)})` };
    messages.push(...list.data);
  }
  let tools: unknown;
  if (draft.toolsJson.trim()) {
    const parsed = parseJson(draft.toolsJson, "Tools");
    if (!parsed.ok) return parsed;
    const list = ZToolsInput.pipe(z.array(ZLlmTool)).safeParse(parsed.value);
    if (!list.success)
      return { ok: false, error: `Tools must be a list of {name, description, parameters} (${issueText(list.error.issues)})` };
    tools = list.data;
  }
  let structuredOutput: unknown;
  if (draft.schemaJson.trim()) {
    const parsed = parseJson(draft.schemaJson, "The output schema");
    if (!parsed.ok) return parsed;
    const value = parsed.value as { name?: unknown; schema?: unknown };
    // Accept either a bare JSON schema or OpenAI's {name, schema, strict}.
    structuredOutput = value && typeof value === "object" && "schema" in value ? value : { name: "output", schema: value };
  }
  const num = (s: string) => (s.trim() === "" ? undefined : Number(s));
  const call = ZLlmCall.safeParse({
    model: column.model,
    messages: messages.filter((m) => m.role !== "user" || m.content.trim() !== "" || messages.length === 1),
    params: { temperature: num(column.temperature), maxTokens: num(column.maxTokens), topP: num(column.topP) },
    ...(tools ? { tools } : {}),
    ...(structuredOutput ? { structuredOutput } : {}),
  });
  if (!call.success) return { ok: false, error: issueText(call.error.issues) };
  return { ok: true, call: call.data };
}

const text = (parts: { kind: string; text?: string }[]) =>
  parts
    .filter((p) => p.kind === "text")
    .map((p) => p.text ?? "")
    .join("\n");

/** The editor's three roles; `developer` (OpenAI) is a system message, `model` (Gemini) an assistant one, anything else a user turn. */
function editorRole(role: string | undefined): "system" | "user" | "assistant" {
  if (role === "system" || role === "developer") return "system";
  if (role === "assistant" || role === "model") return "assistant";
  return "user";
}

/** One column from a model and a parameter object, reading both OpenAI's snake_case and camelCase names. */
function columnFrom(model: unknown, p: Record<string, unknown>, connectionId: string): ColumnConfig {
  const param = (...keys: string[]) => {
    const v = keys.map((k) => p[k]).find((x) => typeof x === "number" || (typeof x === "string" && x.trim() !== ""));
    return v === undefined ? "" : String(v);
  };
  return newColumn({
    connectionId,
    model: typeof model === "string" ? model : "",
    temperature: param("temperature"),
    maxTokens: param("max_tokens", "maxTokens", "max_completion_tokens", "max_output_tokens"),
    topP: param("top_p", "topP"),
  });
}

/** A draft prefilled from a generation's input, model and parameters ("Open in playground"). */
export function draftFromGeneration(
  g: { input: unknown; model: string | null; modelParameters: Record<string, unknown> | null },
  base: PlaygroundDraft,
): PlaygroundDraft {
  const chat = asChat(g.input);
  const messages: EditorMessage[] = chat
    ? chat.flatMap((m): EditorMessage[] =>
        m.role === "system" || m.role === "developer" || m.role === "assistant" || m.role === "model" || m.role === "user"
          ? [{ id: newId("m"), role: editorRole(m.role), content: text(m.parts) }]
          : [],
      )
    : [{ id: newId("m"), role: "user", content: typeof g.input === "string" ? g.input : JSON.stringify(g.input ?? "", null, 2) }];
  return {
    ...base,
    messages: messages.length ? messages : base.messages,
    columns: [columnFrom(g.model, g.modelParameters ?? {}, base.columns[0]?.connectionId ?? "")],
  };
}

const pretty = (v: unknown) => (v === undefined ? "" : JSON.stringify(v, null, 2));

/**
 * A draft from a prompt version ("Open in playground" on the prompt page): a text prompt is one user
 * message, chat messages keep their order and placeholders; config gives model, parameters, tools and
 * the output schema (OpenAI's `response_format: {type: "json_schema", json_schema}` or a bare schema).
 */
export function draftFromPromptVersion(name: string, v: TPromptVersionView, base: PlaygroundDraft): PlaygroundDraft {
  const messages: EditorMessage[] =
    typeof v.prompt === "string"
      ? [{ id: newId("m"), role: "user", content: v.prompt }]
      : v.prompt.map(
          (item): EditorMessage =>
            item.type === "placeholder"
              ? { id: newId("m"), role: "placeholder", name: item.name }
              : { id: newId("m"), role: editorRole(item.role), content: item.content },
        );
  const config = v.config;
  const responseFormat = config.response_format as { type?: unknown; json_schema?: unknown } | undefined;
  const schema = responseFormat?.type === "json_schema" ? responseFormat.json_schema : undefined;
  return {
    ...base,
    messages: messages.length ? messages : base.messages,
    toolsJson: Array.isArray(config.tools) ? pretty(config.tools) : "",
    schemaJson: pretty(schema),
    columns: [columnFrom(config.model, config, base.columns[0]?.connectionId ?? "")],
    fromPrompt: { name, version: v.version, type: v.type },
  };
}

type SaveTarget = { name: string; commitMessage: string };
type BuiltBody = { ok: true; body: TCreatePromptBody } | { ok: false; error: string };

/**
 * The draft as a new prompt version: the messages (placeholders kept, variables unfilled) and the
 * column's model and parameters, tools and output schema as `config` in the names Langfuse's SDK
 * users read (`max_tokens`, `top_p`, `response_format`). A draft opened from a text prompt that is
 * still one user message stays a text prompt, so a new version of it keeps its type.
 */
export function promptBodyFromDraft(draft: PlaygroundDraft, column: ColumnConfig, target: SaveTarget): BuiltBody {
  const config: Record<string, unknown> = {};
  if (column.model.trim()) config.model = column.model.trim();
  const nums = { temperature: column.temperature, max_tokens: column.maxTokens, top_p: column.topP };
  for (const [key, raw] of Object.entries(nums)) {
    if (raw.trim() === "") continue;
    const n = Number(raw);
    if (!Number.isFinite(n)) return { ok: false, error: `${key} must be a number` };
    config[key] = n;
  }
  if (draft.toolsJson.trim()) {
    const parsed = parseJson(draft.toolsJson, "Tools");
    if (!parsed.ok) return parsed;
    config.tools = parsed.value;
  }
  if (draft.schemaJson.trim()) {
    const parsed = parseJson(draft.schemaJson, "The output schema");
    if (!parsed.ok) return parsed;
    const value = parsed.value as { schema?: unknown };
    const jsonSchema = value && typeof value === "object" && "schema" in value ? value : { name: "output", schema: value };
    config.response_format = { type: "json_schema", json_schema: jsonSchema };
  }
  const common = { name: target.name.trim(), config, labels: [], commitMessage: target.commitMessage.trim() || null };
  const [only] = draft.messages;
  if (draft.fromPrompt?.type === "text" && draft.messages.length === 1 && only && only.role !== "placeholder") {
    return { ok: true, body: { ...common, type: "text", prompt: only.content } };
  }
  const prompt = draft.messages.map(
    (m): TChatItem => (m.role === "placeholder" ? { type: "placeholder", name: m.name.trim() } : { role: m.role, content: m.content }),
  );
  return { ok: true, body: { ...common, type: "chat", prompt } };
}
