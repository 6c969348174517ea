import type { TPlaygroundEvent, TPlaygroundRunBody } from "@loupe/contracts";
import { calculateCost, matchModel } from "@loupe/domain";
import { candidateModels } from "../ingestion/compute-costs.ts";
import { logger } from "../logger.ts";
import { LlmCallError } from "./client.ts";
import { llmClientForConnection } from "./connections.ts";

/** USD for a call's usage from the project's and the built-in price table; null when the model has no price. */
export async function priceLlmUsage(
  projectId: string,
  models: string[],
  usage: { input: number; output: number; total: number },
): Promise<number | null> {
  const candidates = await candidateModels(projectId);
  const model = models.map((name) => matchModel(name, candidates)).find(Boolean) ?? null;
  return calculateCost({ usage, model })?.totalCost ?? null;
}

/**
 * One playground column's run. Resolving the connection happens before the first event (a missing
 * connection is a 404, not a stream); after that every outcome, failures included, is an event.
 */
export async function startPlaygroundRun(
  projectId: string,
  body: TPlaygroundRunBody,
  signal?: AbortSignal,
): Promise<AsyncGenerator<TPlaygroundEvent>> {
  const { client } = await llmClientForConnection(projectId, body.connectionId);
  return (async function* run(): AsyncGenerator<TPlaygroundEvent> {
    const started = performance.now();
    let firstToken: number | null = null;
    try {
      for await (const event of client.stream(body.call, { signal })) {
        if (event.type === "done") {
          const { result } = event;
          const cost = await priceLlmUsage(projectId, [result.model, body.call.model], result.usage);
          const ms = (t: number) => Math.round(t - started);
          yield {
            type: "done",
            result,
            cost,
            latencyMs: ms(performance.now()),
            timeToFirstTokenMs: firstToken === null ? null : ms(firstToken),
          };
        } else {
          firstToken ??= performance.now();
          yield event;
        }
      }
    } catch (error) {
      if (signal?.aborted) return;
      if (error instanceof LlmCallError) {
        yield { type: "error", error: error.error };
        return;
      }
      logger.error(
        { err: error instanceof Error ? { message: error.message, stack: error.stack } : String(error) },
        "playground run failed",
      );
      yield { type: "error", error: { kind: "provider_error", message: "The run failed inside Loupe; see the server log" } };
    }
  })();
}
