export { LlmConnectionsPage } from "./llm-connections-page";
export { useLlmConnections } from "./use-llm-connections";
