export * from "./evaluators.ts";
export * from "./executions.ts";
export * from "./preview.ts";
export * from "./rules.ts";
export { RetryableEvaluationError, runEvaluation } from "./run-evaluation.ts";
export { scheduleEvaluationsForBatch } from "./schedule.ts";
