import {
  PROMPT_GENERATIONS_LIMIT,
  type TPromptGenerationsResponse,
  type TPromptMetricsResponse,
  type TPromptVersionMetrics,
} from "@loupe/contracts";
import { listPromptVersionGenerations, promptVersionMetrics, promptVersionScores } from "@loupe/db";

const DAY_MS = 86_400_000;

/** Per-version metrics of a prompt's generations in the last `days` days, newest version first. */
export async function getPromptMetrics(projectId: string, name: string, days: number): Promise<TPromptMetricsResponse> {
  const since = new Date(Date.now() - days * DAY_MS);
  const [rows, scores] = await Promise.all([promptVersionMetrics(projectId, name, since), promptVersionScores(projectId, name, since)]);
  const data = rows
    .map(
      (r): TPromptVersionMetrics => ({
        ...r,
        scores: scores.filter((s) => s.version === r.version).map(({ name, average, count }) => ({ name, average, count })),
      }),
    )
    .sort((a, b) => b.version - a.version);
  return { since: since.toISOString(), days, data };
}

/** The newest generations of one version, for the prompt page's list (links to their traces). */
export async function getPromptVersionGenerations(projectId: string, name: string, version: number): Promise<TPromptGenerationsResponse> {
  const rows = await listPromptVersionGenerations(projectId, name, version, PROMPT_GENERATIONS_LIMIT);
  return { data: rows.map((r) => ({ ...r, startTime: r.startTime.toISOString() })) };
}
