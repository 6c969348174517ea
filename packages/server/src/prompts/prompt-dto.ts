import type { TChatItem, TPrompt } from "@loupe/contracts";
import type { PromptVersionRow } from "@loupe/db";
import type { ResolutionGraph } from "@loupe/domain";

/** A stored version as Langfuse's Prompt object; `prompt` is the resolved content when references were resolved. */
export function toPublicPrompt(row: PromptVersionRow, resolved?: { prompt: unknown; graph: ResolutionGraph | null }): TPrompt {
  const base = {
    id: row.id,
    projectId: row.projectId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    createdBy: row.createdBy,
    name: row.name,
    version: row.version,
    config: (row.config ?? {}) as Record<string, unknown>,
    labels: row.labels.map((l) => l.label),
    tags: row.tags,
    commitMessage: row.commitMessage,
    resolutionGraph: (resolved?.graph ?? null) as Record<string, unknown> | null,
  };
  const prompt = resolved ? resolved.prompt : row.prompt;
  return row.type === "chat"
    ? { ...base, type: "chat", prompt: prompt as TChatItem[] }
    : { ...base, type: "text", prompt: prompt as string };
}
