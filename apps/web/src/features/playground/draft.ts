import { type TLlmCall, type TLlmMessage, ZLlmCall, ZLlmMessage, ZLlmTool } from "@loupe/contracts";
import { fillTemplate, templateVariables } from "@loupe/domain";
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
  return templateVariables(draft.messages.flatMap((m) => (m.role === "placeholder" ? [] : [m.content])));
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
      messages.push({ role: m.role, content: fillTemplate(m.content, draft.variables) });
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

/** A draft prefilled from a generation's input, model and parameters ("Open in playground"). */
export function draftFromGeneration(
  g: { input: unknown; model: string | null; modelParameters: Record<string, unknown> | null },
  base: PlaygroundDraft,
): PlaygroundDraft {
  const chat = asChat(g.input);
  const messages: EditorMessage[] = chat
    ? chat.flatMap((m): EditorMessage[] => {
        const role =
          m.role === "system" || m.role === "developer"
            ? "system"
            : m.role === "assistant" || m.role === "model"
              ? "assistant"
              : m.role === "user"
                ? "user"
                : null;
        return role ? [{ id: newId("m"), role, content: text(m.parts) }] : [];
      })
    : [{ id: newId("m"), role: "user", content: typeof g.input === "string" ? g.input : JSON.stringify(g.input ?? "", null, 2) }];
  const p = g.modelParameters ?? {};
  const param = (...keys: string[]) => {
    const v = keys.map((k) => p[k]).find((x) => typeof x === "number" || (typeof x === "string" && x.trim() !== ""));
    return v === undefined ? "" : String(v);
  };
  const [first] = base.columns;
  return {
    ...base,
    messages: messages.length ? messages : base.messages,
    columns: [
      newColumn({
        connectionId: first?.connectionId ?? "",
        model: g.model ?? "",
        temperature: param("temperature"),
        maxTokens: param("max_tokens", "maxTokens", "max_completion_tokens", "max_output_tokens"),
        topP: param("top_p", "topP"),
      }),
    ],
  };
}
