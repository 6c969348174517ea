"use client";

import { parseAsString, useQueryState, useQueryStates } from "nuqs";

// URL state of trace views, so every view is a link: the trace page's selected observation, and a
// list's preview ("peek") panel with the observation selected in it.

const observation = parseAsString;

/** The selected observation of the trace page (null: the trace itself). Each selection is a history step. */
export function useSelectedObservation() {
  return useQueryState("observation", observation.withOptions({ history: "push" }));
}

/**
 * The preview panel of a list: `?peek=<traceId>&observation=<id>`. Opening it adds a history entry
 * (Back closes it), closing adds one (Back reopens it); moving between rows or nodes replaces the
 * entry, so j/k through a list does not bury the page under history.
 */
export function usePeek() {
  const [state, setState] = useQueryStates({ peek: parseAsString, observation });
  return {
    traceId: state.peek,
    observationId: state.observation,
    open: (traceId: string, observationId: string | null = null) =>
      setState({ peek: traceId, observation: observationId }, { history: state.peek ? "replace" : "push" }),
    close: () => setState({ peek: null, observation: null }, { history: "push" }),
    selectObservation: (observationId: string | null) => setState({ observation: observationId }, { history: "replace" }),
  };
}

export type PeekState = ReturnType<typeof usePeek>;
