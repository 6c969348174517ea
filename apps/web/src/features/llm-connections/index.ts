export { LlmConnectionsPage } from "./llm-connections-page";
