export { LevelBadge, ScoreBadges, TracesTable, tokensColumn } from "./components/traces-table";
export {
  ENVIRONMENT_FIELD,
  LEVEL_FIELD,
  OBSERVATION_FILTER_FIELDS,
  SCORE_FIELD,
  TAGS_FIELD,
  TRACE_FILTER_FIELDS,
  USER_FIELD,
} from "./list-filters";
export { TracePeekLayout } from "./trace-peek";
export { TracePage } from "./trace-page";
export { TraceView } from "./trace-view";
export { TracesPage } from "./traces-page";
export { asChat } from "./components/payload/chat-shape";
export { useObservationPayload, useTrace } from "./hooks/use-trace-detail";
