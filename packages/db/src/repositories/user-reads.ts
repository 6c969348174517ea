import { getTraceGroup, listTraceGroups, type TraceGroupListInput } from "./trace-groups.ts";

// Users are the end users of the traced application (Trace.userId), not Loupe accounts.

export const listTraceUsers = (
  input: Omit<TraceGroupListInput, "by" | "id" | "filter"> & { filter?: Omit<NonNullable<TraceGroupListInput["filter"]>, "score"> },
) => listTraceGroups({ ...input, by: "userId" });

export const getTraceUserTotals = (projectId: string, userId: string) => getTraceGroup(projectId, "userId", userId);
