export * from "./actor.ts";
export * from "./get-prompt.ts";
export * from "./list-prompts.ts";
export { closePromptCache, invalidatePromptCache } from "./prompt-cache.ts";
export * from "./write-prompts.ts";
export * from "./label-requests.ts";
export * from "./prompt-pages.ts";
export * from "./prompt-generations.ts";
