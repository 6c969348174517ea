import type { TChatItem, TChatMessage, TPromptContent } from "@loupe/contracts";
import { fillVariables, isPlaceholder, promptPlaceholders, promptVariables } from "./variables.ts";

export type CompileInput = {
  variables?: Record<string, string>;
  /** Messages for each placeholder name. */
  placeholders?: Record<string, TChatMessage[]>;
};

export type CompileResult<C extends TPromptContent> = {
  /** The text, or the messages with placeholders replaced (an unfilled placeholder stays as it is). */
  compiled: C extends string ? string : TChatItem[];
  /** Variables or placeholders of the prompt that the input does not fill. */
  missing: string[];
  /** Names in the input that the prompt does not have (a typo, usually). */
  unknown: string[];
};

/** Fills a prompt's variables and placeholders and reports what did not match, for previews and the playground. */
export function compilePrompt<C extends TPromptContent>(content: C, input: CompileInput): CompileResult<C> {
  const variables = input.variables ?? {};
  const placeholders = input.placeholders ?? {};
  const wantedVariables = promptVariables(content);
  const wantedPlaceholders = promptPlaceholders(content);
  const missing = [
    ...wantedVariables.filter((v) => !Object.hasOwn(variables, v)),
    ...wantedPlaceholders.filter((p) => !Object.hasOwn(placeholders, p)),
  ];
  const unknown = [
    ...Object.keys(variables).filter((v) => !wantedVariables.includes(v)),
    ...Object.keys(placeholders).filter((p) => !wantedPlaceholders.includes(p)),
  ];
  const compiled =
    typeof content === "string"
      ? fillVariables(content, variables)
      : content.flatMap((item): TChatItem[] => {
          if (!isPlaceholder(item)) return [{ role: item.role, content: fillVariables(item.content, variables) }];
          return Object.hasOwn(placeholders, item.name) ? (placeholders[item.name] as TChatMessage[]) : [item];
        });
  return { compiled: compiled as CompileResult<C>["compiled"], missing, unknown };
}
