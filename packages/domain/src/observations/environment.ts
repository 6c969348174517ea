/**
 * Environments are normalised, never rejected (langfuse-api.md §0.10): lower-case, [a-z0-9_-],
 * at most 40 characters, a leading "langfuse" stripped, "default" when nothing is left.
 */
export function normalizeEnvironment(raw: unknown): string {
  if (typeof raw !== "string") return "default";
  let env = raw
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, "");
  if (env.startsWith("langfuse")) env = env.slice("langfuse".length).replace(/^[-_]+/, "");
  env = env.slice(0, 40);
  return env.length > 0 ? env : "default";
}
