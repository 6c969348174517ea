export * from "./catalog.ts";
export * from "./env.ts";
export * from "./queue.ts";
