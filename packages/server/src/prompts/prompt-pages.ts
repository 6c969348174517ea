import type { TPromptDetail, TPromptListQuery, TPromptListResponse, TPromptVersionView } from "@loupe/contracts";
import { countPromptUsage, findUserDisplayNames, getProtectedPromptLabels, listPromptMeta, listPromptVersions } from "@loupe/db";
import { DomainError } from "../errors.ts";
import { listPromptLabelRequests } from "./label-requests.ts";

// Read models of the prompt pages. The list shows at most LIST_LIMIT names: folders are built in the
// browser from the full names, so the whole (filtered) set comes in one answer.
const LIST_LIMIT = 1000;
const DAY_MS = 86_400_000;

export async function listPromptsPage(projectId: string, query: TPromptListQuery): Promise<TPromptListResponse> {
  const { rows, total } = await listPromptMeta(projectId, query, { limit: LIST_LIMIT, offset: 0 });
  const usage = await countPromptUsage(
    projectId,
    rows.map((r) => r.name),
    new Date(Date.now() - 7 * DAY_MS),
  );
  return {
    data: rows.map((r) => ({
      name: r.name,
      type: r.type as "text" | "chat",
      versionCount: r.versions.length,
      labels: r.labels,
      tags: r.tags,
      lastUpdatedAt: r.lastUpdatedAt.toISOString(),
      usage7d: usage.get(r.name) ?? 0,
    })),
    meta: { page: 1, limit: LIST_LIMIT, totalItems: total, totalPages: total > 0 ? 1 : 0 },
  };
}

/** Every version (raw content, references unresolved), the release requests and the protected labels. */
export async function getPromptDetail(projectId: string, name: string): Promise<TPromptDetail> {
  const [rows, requests, protectedLabels] = await Promise.all([
    listPromptVersions(projectId, name),
    listPromptLabelRequests(projectId, { promptName: name }),
    getProtectedPromptLabels(projectId),
  ]);
  const newest = rows[0];
  if (!newest) throw new DomainError(404, `Prompt not found: '${name}'`, "NotFound");
  const authors = await findUserDisplayNames(rows.map((r) => r.createdBy).filter((id) => id !== "API"));
  const versions = rows.map(
    (r): TPromptVersionView => ({
      id: r.id,
      version: r.version,
      type: r.type as "text" | "chat",
      prompt: r.prompt as TPromptVersionView["prompt"],
      config: (r.config ?? {}) as Record<string, unknown>,
      labels: r.labels.map((l) => l.label),
      commitMessage: r.commitMessage,
      createdBy: r.createdBy === "API" ? "API" : (authors.get(r.createdBy) ?? "deleted user"),
      createdAt: r.createdAt.toISOString(),
    }),
  );
  return { name, type: newest.type as "text" | "chat", tags: newest.tags, versions, requests, protectedLabels };
}
