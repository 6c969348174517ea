export { NewPromptPage } from "./new-prompt-page";
export { PromptPage } from "./prompt-page";
export { PromptsPage } from "./prompts-page";
export { useCreateVersion, usePromptDetail } from "./hooks/use-prompts";
export { usePromptList } from "./hooks/use-prompts";
