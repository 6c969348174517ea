/** Every react-query key in one place, so invalidation cannot miss a spelling. */
export const queryKeys = {
  /** A traces/observations table view: its API query string (filters, sort, page). */
  traces: (projectId: string, view: string) => ["traces", projectId, view] as const,
  observations: (projectId: string, view: string) => ["observations", projectId, view] as const,
  tracesAll: (projectId: string) => ["traces", projectId] as const,
  trace: (projectId: string, traceId: string) => ["trace", projectId, traceId] as const,
  observation: (projectId: string, observationId: string) => ["observation", projectId, observationId] as const,
  /** The read-only shared view of a public trace (no login): its own keys, never mixed with the member view. */
  sharedTrace: (projectId: string, traceId: string) => ["shared-trace", projectId, traceId] as const,
  sharedObservation: (projectId: string, traceId: string, observationId: string) =>
    ["shared-observation", projectId, traceId, observationId] as const,
  /** Search inside a trace (member or shared view: `shared` keeps them apart). */
  traceSearch: (projectId: string, traceId: string, shared: boolean, q: string) => ["trace-search", projectId, traceId, shared, q] as const,
  /** Values a table filter suggests for what was typed (`field` of SUGGESTION_FIELDS). */
  filterSuggestions: (projectId: string, field: string, prefix: string) => ["filter-suggestions", projectId, field, prefix] as const,
  /** A project's saved views of one list table. */
  savedViews: (projectId: string, table: string) => ["saved-views", projectId, table] as const,
  scoreConfigs: (projectId: string) => ["score-configs", projectId] as const,
  /** A sessions/users list view: its API query string (filters, sort, page). */
  sessions: (projectId: string, view: string) => ["sessions", projectId, view] as const,
  session: (projectId: string, sessionId: string, page: number) => ["session", projectId, sessionId, { page }] as const,
  users: (projectId: string, view: string) => ["users", projectId, view] as const,
  user: (projectId: string, userId: string, page: number, limit: number) => ["user", projectId, userId, { page, limit }] as const,
  apiKeys: (projectId: string) => ["api-keys", projectId] as const,
  organizationMembers: (organizationId: string) => ["organization-members", organizationId] as const,
  invitations: (organizationId: string) => ["invitations", organizationId] as const,
  projectMembers: (projectId: string) => ["project-members", projectId] as const,
  organizationApiKeys: (organizationId: string) => ["organization-api-keys", organizationId] as const,
  /** Settings → Organization: its projects and those being deleted. */
  organizationProjects: (organizationId: string) => ["organization-projects", organizationId] as const,
  /** A project's or an organization's audit log page (its API query string). */
  auditLog: (scope: "project" | "organization", id: string, query: string) => ["audit-log", scope, id, query] as const,
  masking: (projectId: string) => ["masking", projectId] as const,
  /** Every model prices query of a project (the list and name matches), for invalidation after a write. */
  modelPricesAll: (projectId: string) => ["model-prices", projectId] as const,
  modelPrices: (projectId: string) => ["model-prices", projectId, "list"] as const,
  modelMatch: (projectId: string, modelName: string) => ["model-prices", projectId, "match", modelName] as const,
  /** Every prompt query of a project (lists, details, requests), for invalidation after a write. */
  promptsAll: (projectId: string) => ["prompts", projectId] as const,
  prompts: (projectId: string, view: string) => ["prompts", projectId, "list", view] as const,
  prompt: (projectId: string, name: string) => ["prompts", projectId, "detail", name] as const,
  promptRequests: (projectId: string) => ["prompts", projectId, "requests"] as const,
  promptSettings: (projectId: string) => ["prompts", projectId, "settings"] as const,
  promptMetrics: (projectId: string, name: string, days: number) => ["prompts", projectId, "metrics", name, days] as const,
  promptGenerations: (projectId: string, name: string, version: number) => ["prompts", projectId, "generations", name, version] as const,
  llmConnections: (projectId: string) => ["llm-connections", projectId] as const,
  /** Every webhook query of a project (list, delivery logs), for invalidation after a change. */
  webhooksAll: (projectId: string) => ["webhooks", projectId] as const,
  webhooks: (projectId: string) => ["webhooks", projectId, "list"] as const,
  webhookDeliveries: (projectId: string, webhookId: string, page: number) =>
    ["webhooks", projectId, "deliveries", webhookId, { page }] as const,
  datasets: (projectId: string) => ["datasets", projectId] as const,
  dataset: (projectId: string, datasetId: string) => ["datasets", projectId, "detail", datasetId] as const,
  evaluators: (projectId: string) => ["evaluators", projectId] as const,
  evaluationRules: (projectId: string) => ["evaluation-rules", projectId] as const,
  datasetItems: (projectId: string, datasetId: string, page: number) => ["datasets", projectId, "items", datasetId, { page }] as const,
  datasetItem: (projectId: string, datasetId: string, itemId: string) => ["datasets", projectId, "item", datasetId, itemId] as const,
  datasetExperiments: (projectId: string, datasetId: string) => ["datasets", projectId, "experiments", datasetId] as const,
  datasetExperiment: (projectId: string, datasetId: string, experimentId: string) =>
    ["datasets", projectId, "experiments", datasetId, experimentId] as const,
  /** One semantic-layer query of a dashboard panel or widget (its JSON is the key). */
  metricsQuery: (projectId: string, query: string) => ["metrics-query", projectId, query] as const,
  dashboards: (projectId: string) => ["dashboards", projectId] as const,
  dashboard: (projectId: string, dashboardId: string) => ["dashboards", projectId, "detail", dashboardId] as const,
  comments: (projectId: string, objectType: string, objectId: string) => ["comments", projectId, objectType, objectId] as const,
  /** Score configs with archived ones (the score-configs page); the forms use `scoreConfigs`. */
  scoreConfigsAll: (projectId: string) => ["score-configs", projectId, "all"] as const,
  annotationQueues: (projectId: string) => ["annotation-queues", projectId] as const,
  annotationQueue: (projectId: string, queueId: string, view: string) => ["annotation-queues", projectId, queueId, view] as const,
  annotationReview: (projectId: string, queueId: string, itemId: string) =>
    ["annotation-queues", projectId, queueId, "review", itemId] as const,
};
