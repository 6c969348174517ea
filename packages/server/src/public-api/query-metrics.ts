import type { TMetricsQuery, TMetricsResponse } from "@loupe/contracts";
import { MetricsQueryError, runMetricsQuery } from "@loupe/db";
import { badRequest } from "../errors.ts";

export async function queryMetrics(projectId: string, query: TMetricsQuery, version: 1 | 2): Promise<TMetricsResponse> {
  try {
    return { data: await runMetricsQuery(projectId, query, { version }) };
  } catch (error) {
    if (error instanceof MetricsQueryError) throw badRequest(error.message);
    throw error;
  }
}
