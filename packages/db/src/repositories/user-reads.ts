import { getTraceGroup, listTraceGroups } from "./trace-groups.ts";

// Users are the end users of the traced application (Trace.userId), not Loupe accounts.

export const listTraceUsers = (input: { projectId: string; limit: number; offset: number }) => listTraceGroups({ ...input, by: "userId" });

export const getTraceUserTotals = (projectId: string, userId: string) => getTraceGroup(projectId, "userId", userId);
