import type { TMetricsQuery, TMetricsResponse } from "@loupe/contracts";
import { runMetricsQuery } from "@loupe/db";
import { rejectInvalidQuery } from "../errors.ts";

export async function queryMetrics(projectId: string, query: TMetricsQuery, version: 1 | 2): Promise<TMetricsResponse> {
  return { data: await rejectInvalidQuery(() => runMetricsQuery(projectId, query, { version })) };
}
