export { disconnectPrisma, getPrisma, prisma, type Tx } from "./client.ts";
export { readDbEnv } from "./env.ts";
export { Prisma } from "./generated/prisma/client.ts";
export * from "./analytics/metrics-query.ts";
export {
  backfillMetricRollups,
  compactMetricRollups,
  enableMetadataRollup,
  metadataKeysAwaitingRollup,
  metadataRollupReady,
  projectsAwaitingRollupBackfill,
} from "./analytics/rollups/maintain.ts";
export * from "./errors.ts";
export * from "./repositories/filter-sql.ts";
export * from "./repositories/api-keys.ts";
export * from "./repositories/organization-api-keys.ts";
export * from "./repositories/project-deletion.ts";
export * from "./repositories/ingestion-batches.ts";
export * from "./repositories/daily-metrics.ts";
export * from "./repositories/locks.ts";
export * from "./repositories/media.ts";
export * from "./repositories/models.ts";
export * from "./repositories/observations.ts";
export * from "./repositories/projects.ts";
export * from "./repositories/members.ts";
export * from "./repositories/scores.ts";
export * from "./repositories/session-reads.ts";
export * from "./repositories/trace-groups.ts";
export * from "./repositories/trace-marks.ts";
export * from "./repositories/trace-reads.ts";
export * from "./repositories/traces.ts";
export * from "./repositories/user-reads.ts";
export * from "./repositories/users.ts";
export * from "./repositories/observation-reads.ts";
export * from "./repositories/score-reads.ts";
export * from "./repositories/score-configs.ts";
export * from "./repositories/sessions.ts";
export * from "./repositories/prompts.ts";
export * from "./repositories/prompt-generations.ts";
export * from "./repositories/llm-connections.ts";
export * from "./repositories/dataset-run-results.ts";
export * from "./repositories/datasets.ts";
export * from "./repositories/dataset-experiments.ts";
export * from "./repositories/experiment-reads.ts";
export * from "./repositories/evaluations.ts";
export * from "./repositories/dashboards.ts";
export * from "./repositories/annotation-queues.ts";
export * from "./repositories/comments.ts";
export * from "./repositories/annotation-objects.ts";
export * from "./repositories/sso-users.ts";
export * from "./repositories/password-resets.ts";
export * from "./repositories/audit-log.ts";
export * from "./repositories/webhooks.ts";
export * from "./repositories/filter-suggestions.ts";
export * from "./repositories/saved-views.ts";
export * from "./repositories/scim-users.ts";
export type { KeysetCursor } from "./repositories/read-columns.ts";
