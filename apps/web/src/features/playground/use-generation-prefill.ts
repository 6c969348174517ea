"use client";

import { type Dispatch, type SetStateAction, useEffect, useRef } from "react";
import { useObservationPayload, useTrace } from "@/features/traces";
import { draftFromGeneration, type PlaygroundDraft } from "./draft";

/** "Open in playground": loads a generation (model and parameters from the trace, input from its payload) once into the draft. */
export function useGenerationPrefill(
  projectId: string,
  from: { traceId: string; observationId: string } | null,
  setDraft: Dispatch<SetStateAction<PlaygroundDraft>>,
): { loading: boolean; error: string | null } {
  const source = { projectId, traceId: from?.traceId ?? "", shared: false };
  const trace = useTrace(source, from !== null);
  const payload = useObservationPayload(source, from?.observationId ?? "", from !== null);
  const applied = useRef<string | null>(null);
  const observation = trace.data?.observations.find((o) => o.id === from?.observationId);
  useEffect(() => {
    if (!from || !observation || !payload.data || applied.current === from.observationId) return;
    applied.current = from.observationId;
    setDraft((d) =>
      draftFromGeneration({ input: payload.data.input, model: observation.model, modelParameters: observation.modelParameters }, d),
    );
  }, [from, observation, payload.data, setDraft]);
  if (!from) return { loading: false, error: null };
  const error =
    trace.error?.message ?? payload.error?.message ?? (trace.data && !observation ? "the observation is not in this trace" : null);
  return { loading: !error && applied.current !== from.observationId, error };
}
