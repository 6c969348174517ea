// Recognises chat transcripts in observation input/output (OpenAI, Anthropic and Langfuse shapes).

export type ChatPart =
  | { kind: "text"; text: string }
  | { kind: "image"; url: string }
  | { kind: "tool-call"; id: string | null; name: string; args: unknown }
  /** `isError`: the tool reported a failure (Anthropic's `is_error: true`). */
  | { kind: "tool-result"; id: string | null; content: unknown; isError: boolean }
  | { kind: "other"; value: unknown };

export type ChatMessage = { role: string; name: string | null; parts: ChatPart[] };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isMessage = (v: unknown): v is Record<string, unknown> =>
  isObject(v) && typeof v.role === "string" && ("content" in v || "tool_calls" in v || "parts" in v);

/** JSON-encoded tool arguments (OpenAI sends a string) are shown parsed when they parse. */
function parseArgs(v: unknown): unknown {
  if (typeof v !== "string") return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

function toParts(content: unknown): ChatPart[] {
  if (content === null || content === undefined) return [];
  if (typeof content === "string") return content === "" ? [] : [{ kind: "text", text: content }];
  if (!Array.isArray(content)) return [{ kind: "other", value: content }];
  return content.map((p): ChatPart => {
    if (typeof p === "string") return { kind: "text", text: p };
    if (!isObject(p)) return { kind: "other", value: p };
    if ((p.type === "text" || p.type === "input_text" || p.type === "output_text") && typeof p.text === "string") {
      return { kind: "text", text: p.text };
    }
    if (p.type === "image_url") {
      const url = isObject(p.image_url) ? p.image_url.url : p.image_url;
      return { kind: "image", url: String(url ?? "") };
    }
    if (p.type === "image" && isObject(p.source))
      return { kind: "image", url: String(p.source.url ?? `${p.source.media_type ?? "image"} (base64)`) };
    if (p.type === "tool_use") return { kind: "tool-call", id: (p.id as string) ?? null, name: String(p.name ?? "tool"), args: p.input };
    if (p.type === "tool_result")
      return { kind: "tool-result", id: (p.tool_use_id as string) ?? null, content: parseArgs(p.content), isError: p.is_error === true };
    return { kind: "other", value: p };
  });
}

function toMessage(m: Record<string, unknown>): ChatMessage {
  const parts = toParts(m.content ?? m.parts);
  if (m.role === "tool") {
    return {
      role: "tool",
      name: (m.name as string) ?? null,
      // A JSON string result is shown parsed, like tool-call arguments.
      parts: [{ kind: "tool-result", id: (m.tool_call_id as string) ?? null, content: parseArgs(m.content), isError: m.is_error === true }],
    };
  }
  if (Array.isArray(m.tool_calls)) {
    for (const call of m.tool_calls) {
      if (!isObject(call)) continue;
      const fn = isObject(call.function) ? call.function : call;
      parts.push({ kind: "tool-call", id: (call.id as string) ?? null, name: String(fn.name ?? "tool"), args: parseArgs(fn.arguments) });
    }
  }
  if (isObject(m.function_call)) {
    parts.push({
      kind: "tool-call",
      id: null,
      name: String(m.function_call.name ?? "function"),
      args: parseArgs(m.function_call.arguments),
    });
  }
  return { role: m.role as string, name: typeof m.name === "string" ? m.name : null, parts };
}

/** The chat messages in a payload, or null when it is not a chat. */
export function asChat(value: unknown): ChatMessage[] | null {
  let list: unknown = value;
  if (isObject(value) && Array.isArray(value.messages)) list = value.messages;
  else if (isObject(value) && Array.isArray(value.choices)) list = value.choices.map((c) => (isObject(c) ? c.message : c));
  else if (isMessage(value)) list = [value];
  if (!Array.isArray(list) || list.length === 0 || !list.every(isMessage)) return null;
  return list.map(toMessage);
}
