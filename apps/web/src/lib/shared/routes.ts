/** Every in-app URL of a project, so links between traces, sessions and users agree on their encoding. */
export function projectRoutes(projectId: string) {
  const base = `/project/${encodeURIComponent(projectId)}`;
  const id = encodeURIComponent;
  return {
    traces: `${base}/traces`,
    /** A trace page, optionally with one observation selected (`?observation=`, see useSelectedObservation). */
    trace: (traceId: string, observationId?: string | null) =>
      `${base}/traces/${id(traceId)}${observationId ? `?observation=${id(observationId)}` : ""}`,
    sessions: `${base}/sessions`,
    session: (sessionId: string) => `${base}/sessions/${id(sessionId)}`,
    users: `${base}/users`,
    observations: `${base}/observations`,
    user: (userId: string) => `${base}/users/${id(userId)}`,
    settings: `${base}/settings`,
    prompts: `${base}/prompts`,
    promptFolder: (folder: string) => `${base}/prompts${folder ? `?folder=${id(folder)}` : ""}`,
    newPrompt: `${base}/prompts/new`,
    /** Folders stay path segments (`/prompts/support/triage`), each segment encoded. */
    prompt: (name: string, version?: number) =>
      `${base}/prompts/${name.split("/").map(id).join("/")}${version ? `?version=${version}` : ""}`,
    datasets: `${base}/datasets`,
    datasetFolder: (folder: string) => `${base}/datasets${folder ? `?folder=${id(folder)}` : ""}`,
    dataset: (datasetId: string) => `${base}/datasets/${id(datasetId)}`,
    datasetCompare: (datasetId: string, runIds: string[]) => `${base}/datasets/${id(datasetId)}/compare?runs=${runIds.map(id).join(",")}`,
    llmConnections: `${base}/settings/llm-connections`,
    webhooks: `${base}/settings/webhooks`,
    /** The organization's settings and audit log, under the project the person came from (it keeps the shell). */
    organizationSettings: `${base}/settings/organization`,
    organizationAuditLog: `${base}/settings/organization/audit-log`,
    organizationMembers: `${base}/settings/organization/members`,
    projectMembers: `${base}/settings/members`,
    modelPrices: `${base}/settings/models`,
    /** The playground, optionally prefilled from a generation or a prompt version ("Open in playground"). */
    playground: (from?: { traceId: string; observationId: string } | { promptName: string; version: number }) =>
      `${base}/playground${
        !from
          ? ""
          : "promptName" in from
            ? `?prompt=${id(from.promptName)}&version=${from.version}`
            : `?trace=${id(from.traceId)}&observation=${id(from.observationId)}`
      }`,
    promptSettings: `${base}/settings/prompts`,
    evaluators: `${base}/evaluators`,
    /** The evaluator editor: a new one (optionally from a library template) or the next version of one. */
    evaluatorEditor: (from?: { template: string } | { evaluatorId: string }) =>
      `${base}/evaluators/new${!from ? "" : "template" in from ? `?template=${id(from.template)}` : `?evaluator=${id(from.evaluatorId)}`}`,
    evaluationRules: `${base}/evaluation-rules`,
    evaluationRule: (ruleId: string) => `${base}/evaluation-rules/${id(ruleId)}`,
    evaluationRuleEditor: (ruleId?: string) => `${base}/evaluation-rules/${ruleId ? `${id(ruleId)}/edit` : "new"}`,
    home: base,
    dashboards: `${base}/dashboards`,
    dashboard: (dashboardId: string) => `${base}/dashboards/${id(dashboardId)}`,
    scoreConfigs: `${base}/score-configs`,
    annotationQueues: `${base}/annotation-queues`,
    annotationQueue: (queueId: string) => `${base}/annotation-queues/${id(queueId)}`,
    /** The annotate view, at one item or (without) at the first pending one. */
    annotate: (queueId: string, itemId?: string | null) =>
      `${base}/annotation-queues/${id(queueId)}/annotate${itemId ? `?item=${id(itemId)}` : ""}`,
  };
}

/** The read-only link of a public trace. Project and trace id together: ids are only unique per project. */
export const sharedTraceUrl = (projectId: string, traceId: string) =>
  `/public/traces/${encodeURIComponent(traceId)}?projectId=${encodeURIComponent(projectId)}`;
