export * from "./library.ts";
export * from "./mapping.ts";
export * from "./verdict.ts";
