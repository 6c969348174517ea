export * from "./common/observation-types.ts";
export * from "./common/pagination.ts";
export * from "./common/problem.ts";
export * from "./ingestion/events.ts";
export * from "./ingestion/result.ts";
export * from "./internal-api/traces.ts";
export * from "./internal-api/projects.ts";
export * from "./ingestion/otlp.ts";
