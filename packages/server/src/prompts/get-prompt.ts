import { PRODUCTION_LABEL, type TGetPromptQuery, type TPrompt } from "@loupe/contracts";
import { findPromptVersion, type VersionSelector } from "@loupe/db";
import { DomainError } from "../errors.ts";
import { cachedPromptJson } from "./prompt-cache.ts";
import { toPublicPrompt } from "./prompt-dto.ts";
import { resolveVersion } from "./resolve-prompt.ts";

const describe = (s: VersionSelector) => ("version" in s ? `with version ${s.version}` : `with label '${s.label}'`);

/**
 * GET /api/public/v2/prompts/{name}: the version with `version`, or with `label` (default
 * `production`), references resolved. Served from the in-process or Redis cache when it can be; a miss
 * resolves from Postgres and fills both. `resolve=false` returns the stored content and bypasses the cache. Not found is
 * Langfuse's 404, which the SDKs answer with their fallback prompt.
 */
export async function getPrompt(projectId: string, name: string, query: TGetPromptQuery): Promise<TPrompt> {
  return JSON.parse(await getPromptJson(projectId, name, query)) as TPrompt;
}

/** The same answer as JSON text: a cache hit is sent as stored, without parsing and serialising it again. */
export async function getPromptJson(projectId: string, name: string, query: TGetPromptQuery): Promise<string> {
  const selector: VersionSelector = query.version !== undefined ? { version: query.version } : { label: query.label ?? PRODUCTION_LABEL };
  if (!query.resolve) return JSON.stringify(toPublicPrompt(await findOrThrow(projectId, name, selector)));

  const key = `${"version" in selector ? `v:${selector.version}` : `l:${selector.label}`}:${name}`;
  return cachedPromptJson(projectId, key, async () => {
    const row = await findOrThrow(projectId, name, selector);
    return JSON.stringify(toPublicPrompt(row, await resolveVersion(projectId, row)));
  });
}

async function findOrThrow(projectId: string, name: string, selector: VersionSelector) {
  const row = await findPromptVersion(projectId, name, selector);
  if (!row) throw new DomainError(404, `Prompt not found: '${name}' ${describe(selector)}`, "NotFound");
  return row;
}
