import type { PromptType, TPromptContent } from "@loupe/contracts";
import { findPromptVersion, type Tx } from "@loupe/db";
import { PromptReferenceError, type PromptReference, type ResolvableVersion, resolvePromptReferences } from "@loupe/domain";
import { badRequest } from "../errors.ts";

type Version = { id: string; name: string; version: number; type: string; prompt: unknown };

const resolvable = (v: Version): ResolvableVersion => ({ ...v, type: v.type as PromptType, prompt: v.prompt as TPromptContent });

/**
 * Resolves a version's references in its project; inside a write transaction pass `tx`, so the check
 * sees the version and label moves being written. A reference that does not resolve answers 400.
 */
export async function resolveVersion(projectId: string, version: Version, tx?: Tx) {
  const load = async (ref: PromptReference) => {
    const row = await findPromptVersion(projectId, ref.name, "label" in ref ? { label: ref.label } : { version: ref.version }, tx);
    return row ? resolvable(row) : null;
  };
  try {
    return await resolvePromptReferences(resolvable(version), load);
  } catch (error) {
    if (error instanceof PromptReferenceError) throw badRequest(error.message);
    throw error;
  }
}
