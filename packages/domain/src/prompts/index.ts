export * from "./compile.ts";
export * from "./folders.ts";
export * from "./references.ts";
export * from "./variables.ts";
