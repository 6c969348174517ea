import { getTraceGroup, listTraceGroups, type TraceGroupListInput } from "./trace-groups.ts";

// Sessions are the traces that share a sessionId (Langfuse semantics); TraceSession only records that one was seen.

export const listSessions = (input: Omit<TraceGroupListInput, "by" | "id">) => listTraceGroups({ ...input, by: "sessionId" });

export const getSessionTotals = (projectId: string, sessionId: string) => getTraceGroup(projectId, "sessionId", sessionId);
