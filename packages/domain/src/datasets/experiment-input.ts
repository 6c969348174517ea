import type {
  ExperimentMappingSource,
  TChatItem,
  TChatMessage,
  TExperimentVariableMapping,
  TLlmMessage,
  TPromptContent,
} from "@loupe/contracts";
import { type MappedValue, mapField } from "../evaluations/mapping.ts";
import { compilePrompt } from "../prompts/compile.ts";
import { isPlaceholder, promptPlaceholders, promptVariables } from "../prompts/variables.ts";

// UI experiments: a dataset item's input fills the prompt (each {{variable}} from the input key of the
// same name, each placeholder from a message list under its name), and evaluator variables are read
// from the item or from the model's answer.

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const asText = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

function asMessages(v: unknown): TChatMessage[] | null {
  if (!Array.isArray(v)) return null;
  const ok = v.every((m) => isObject(m) && typeof m.role === "string" && typeof m.content === "string");
  return ok ? (v as TChatMessage[]) : null;
}

export type ExperimentPromptFill = {
  messages: TLlmMessage[];
  /** Variables and placeholders of the prompt that the item's input does not provide. */
  missing: string[];
};

/**
 * The prompt filled from one item's input. An input object fills by key; a plain value fills a
 * prompt that has exactly one variable and no placeholder.
 */
export function fillExperimentPrompt(content: TPromptContent, input: unknown): ExperimentPromptFill {
  const wanted = promptVariables(content);
  const wantedPlaceholders = promptPlaceholders(content);
  const variables: Record<string, string> = {};
  const placeholders: Record<string, TChatMessage[]> = {};
  if (isObject(input)) {
    for (const v of wanted) if (Object.hasOwn(input, v) && input[v] !== null && input[v] !== undefined) variables[v] = asText(input[v]);
    for (const p of wantedPlaceholders) {
      const messages = Object.hasOwn(input, p) ? asMessages(input[p]) : null;
      if (messages) placeholders[p] = messages;
    }
  } else if (input !== null && input !== undefined && wanted.length === 1 && wantedPlaceholders.length === 0) {
    variables[wanted[0] as string] = asText(input);
  }
  const { compiled, missing } = compilePrompt(content, { variables, placeholders });
  return { messages: typeof compiled === "string" ? [{ role: "user", content: compiled }] : toLlmMessages(compiled), missing };
}

const ROLES = new Set(["system", "user", "assistant"]);

function toLlmMessages(items: TChatItem[]): TLlmMessage[] {
  return items.flatMap((item): TLlmMessage[] => {
    if (isPlaceholder(item)) return [];
    const role = ROLES.has(item.role) ? (item.role as "system" | "user" | "assistant") : "user";
    return [{ role, content: item.content }];
  });
}

/** What a missing variable means for a person fixing the item. */
export function describeMissingInput(missing: readonly string[], input: unknown): string {
  const keys = isObject(input) ? Object.keys(input) : [];
  const has = keys.length > 0 ? `it has ${keys.slice(0, 10).join(", ")}` : isObject(input) ? "it is empty" : "it is not an object";
  return `The item's input has no value for ${missing.map((m) => `{{${m}}}`).join(", ")} (${has}); give its input these keys`;
}

export type ExperimentSources = Record<ExperimentMappingSource, unknown>;
const OWNER: Record<ExperimentMappingSource, [string, string]> = {
  input: ["the item", "input"],
  expectedOutput: ["the item", "expected output"],
  metadata: ["the item", "metadata"],
  output: ["the run", "output"],
};

/** One evaluator variable of an experiment item. */
export function experimentVariable(sources: ExperimentSources, mapping: TExperimentVariableMapping): MappedValue {
  const [owner, source] = OWNER[mapping.source];
  return mapField(sources[mapping.source], mapping.jsonPath, owner, source);
}
