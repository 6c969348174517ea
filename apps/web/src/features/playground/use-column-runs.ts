"use client";

import { type TLlmError, type TLlmToolCall, type TPlaygroundEvent, type TPlaygroundRunBody, ZPlaygroundEvent } from "@loupe/contracts";
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, projectApi, streamNdjson } from "@/lib/client/api-client";

export type ColumnRun = {
  status: "idle" | "running" | "done" | "error";
  text: string;
  toolCalls: TLlmToolCall[];
  done?: Extract<TPlaygroundEvent, { type: "done" }>;
  error?: TLlmError;
};

export const IDLE_RUN: ColumnRun = { status: "idle", text: "", toolCalls: [] };

/** One streamed run per column; starting a column again cancels its previous run. */
export function useColumnRuns(projectId: string) {
  const [runs, setRuns] = useState<Record<string, ColumnRun>>({});
  const controllers = useRef(new Map<string, AbortController>());
  useEffect(() => {
    const active = controllers.current;
    return () => {
      for (const c of active.values()) c.abort();
    };
  }, []);

  const update = useCallback(
    (id: string, f: (r: ColumnRun) => ColumnRun) => setRuns((all) => ({ ...all, [id]: f(all[id] ?? IDLE_RUN) })),
    [],
  );

  const stop = useCallback(
    (id: string) => {
      controllers.current.get(id)?.abort();
      controllers.current.delete(id);
      update(id, (r) => (r.status === "running" ? { ...r, status: "idle" } : r));
    },
    [update],
  );

  const start = useCallback(
    async (id: string, body: TPlaygroundRunBody) => {
      controllers.current.get(id)?.abort();
      const controller = new AbortController();
      controllers.current.set(id, controller);
      update(id, () => ({ ...IDLE_RUN, status: "running" }));
      try {
        for await (const event of streamNdjson(ZPlaygroundEvent, `${projectApi(projectId)}/playground/run`, body, controller.signal)) {
          if (event.type === "text") update(id, (r) => ({ ...r, text: r.text + event.delta }));
          else if (event.type === "tool-call") update(id, (r) => ({ ...r, toolCalls: [...r.toolCalls, event.call] }));
          else if (event.type === "done")
            update(id, (r) => ({ ...r, status: "done", done: event, text: event.result.text, toolCalls: event.result.toolCalls }));
          else update(id, (r) => ({ ...r, status: "error", error: event.error }));
        }
      } catch (error) {
        if (controller.signal.aborted) return;
        const message = error instanceof ApiError ? error.message : "The run stopped unexpectedly";
        update(id, (r) => ({ ...r, status: "error", error: { kind: "bad_request", message } }));
      } finally {
        if (controllers.current.get(id) === controller) controllers.current.delete(id);
      }
    },
    [projectId, update],
  );

  return { runs, start, stop };
}
