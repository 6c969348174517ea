import { Piscina } from "piscina";
import { nodeServerEnv } from "./env";
import type { IngestionThreadInput, IngestionThreadOutput } from "./ingestion-thread";

// The ingestion threads of the web process (ADR 0005). Their priority is lowered (nice +10 on Linux): when
// the CPU is short, prompt fetches and page requests on the event loop go first and ingestion's accept
// latency grows instead; a batch still becomes durable before its 207.
let pool: Piscina<IngestionThreadInput, IngestionThreadOutput> | undefined;

/** The pool, or null when LOUPE_INGESTION_THREADS=0 (batches are then checked on the event loop). */
export function ingestionPool(): Piscina<IngestionThreadInput, IngestionThreadOutput> | null {
  const threads = nodeServerEnv().LOUPE_INGESTION_THREADS;
  if (threads === 0) return null;
  pool ??= new Piscina({
    filename: new URL("./ingestion-thread.ts", import.meta.url).href,
    // The thread file is TypeScript, like the server. Threads inherit the parent's flags (`node --import tsx`
    // under npm start, the tsx CLI's loader in the image); a parent without tsx's loader (vitest) names it.
    execArgv: process.execArgv.some((arg) => arg.includes("tsx")) ? undefined : ["--import", "tsx"],
    minThreads: threads,
    maxThreads: threads,
    niceIncrement: 10,
    // No queue limit (Piscina's default): a burst waits here, bounded by the HTTP requests that carry it and
    // their body limit, rather than failing requests whose bytes were already read.
  });
  return pool;
}

export async function closeIngestionPool(): Promise<void> {
  await pool?.close({ force: true });
  pool = undefined;
}
