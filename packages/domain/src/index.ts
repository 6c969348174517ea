export * from "./observations/environment.ts";
export * from "./observations/sanitize-json.ts";
export * from "./observations/merge.ts";
export * from "./observations/tree.ts";
export * from "./pricing/index.ts";
export * from "./usage/index.ts";
export * from "./masking/mask-pii.ts";
export * from "./otel/index.ts";
