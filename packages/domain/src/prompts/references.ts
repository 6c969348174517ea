import type { PromptType, TChatItem, TPromptContent } from "@loupe/contracts";
import { isPlaceholder } from "./variables.ts";

// Prompt composition: `@@@langfusePrompt:name=<name>|label=<label>@@@` or `|version=<n>@@@` inside a
// text or a chat message is replaced by the referenced text prompt when the prompt is fetched.

export type PromptReference = { tag: string; name: string } & ({ label: string } | { version: number });

/** A reference that cannot be resolved (missing, a cycle, too deep, malformed): a 400 at save, never a half-resolved prompt. */
export class PromptReferenceError extends Error {}

export const MAX_REFERENCE_DEPTH = 5;
const TAG = /@@@langfusePrompt:(.*?)@@@/g;

function parseTag(tag: string, inner: string): PromptReference {
  const parts = inner.split("|");
  const fields = Object.fromEntries(parts.map((p) => [p.slice(0, p.indexOf("=")), p.slice(p.indexOf("=") + 1)]));
  const malformed = () =>
    new PromptReferenceError(`${tag} is not a prompt reference; write @@@langfusePrompt:name=<name>|label=<label>@@@ or …|version=<n>@@@`);
  if (parts.length !== 2 || !parts[0]?.startsWith("name=") || !fields.name) throw malformed();
  if (fields.label !== undefined && fields.label !== "") return { tag, name: fields.name, label: fields.label };
  if (fields.version !== undefined && /^[1-9][0-9]*$/.test(fields.version))
    return { tag, name: fields.name, version: Number(fields.version) };
  throw malformed();
}

function texts(content: TPromptContent): string[] {
  return typeof content === "string" ? [content] : content.flatMap((item) => (isPlaceholder(item) ? [] : [item.content]));
}

/** The distinct references in a version's content. Throws PromptReferenceError on a malformed tag. */
export function parsePromptReferences(content: TPromptContent): PromptReference[] {
  const byTag = new Map<string, PromptReference>();
  for (const text of texts(content))
    for (const m of text.matchAll(TAG)) if (!byTag.has(m[0])) byTag.set(m[0], parseTag(m[0], m[1] as string));
  return [...byTag.values()];
}

export const describeReference = (ref: PromptReference) =>
  "label" in ref ? `'${ref.name}' with label '${ref.label}'` : `'${ref.name}' version ${ref.version}`;

export type ResolvableVersion = { id: string; name: string; version: number; type: PromptType; prompt: TPromptContent };
type VersionRef = { id: string; name: string; version: number };
export type ResolutionGraph = { root: VersionRef; dependencies: Record<string, VersionRef[]> };

function replaceTags(content: TPromptContent, replacements: Map<string, string>): TPromptContent {
  const apply = (text: string) => text.replace(TAG, (tag) => replacements.get(tag) ?? tag);
  if (typeof content === "string") return apply(content);
  return content.map((item): TChatItem => (isPlaceholder(item) ? item : { ...item, content: apply(item.content) }));
}

/**
 * Resolves every reference of `root` (recursively, at most MAX_REFERENCE_DEPTH deep) through `load`,
 * which looks a reference up in the root's project. A reference to the root's own name, a cycle, a
 * missing or a chat prompt throws PromptReferenceError naming it.
 */
export async function resolvePromptReferences(
  root: ResolvableVersion,
  load: (ref: PromptReference) => Promise<ResolvableVersion | null>,
): Promise<{ prompt: TPromptContent; graph: ResolutionGraph | null }> {
  const graph: ResolutionGraph = { root: { id: root.id, name: root.name, version: root.version }, dependencies: {} };
  const onPath = new Set<string>();

  async function resolve(current: ResolvableVersion, depth: number): Promise<TPromptContent> {
    const refs = parsePromptReferences(current.prompt);
    if (refs.length === 0) return current.prompt;
    if (depth >= MAX_REFERENCE_DEPTH)
      throw new PromptReferenceError(`prompt references are nested deeper than ${MAX_REFERENCE_DEPTH} levels`);
    onPath.add(current.id);
    const replacements = new Map<string, string>();
    for (const ref of refs) {
      if (ref.name === root.name)
        throw new PromptReferenceError(`'${current.name}' references ${describeReference(ref)}: a prompt cannot include itself`);
      const child = await load(ref);
      if (!child) throw new PromptReferenceError(`'${current.name}' references ${describeReference(ref)}, which does not exist`);
      if (onPath.has(child.id))
        throw new PromptReferenceError(`'${current.name}' references ${describeReference(ref)}, which references it back (a cycle)`);
      if (child.type !== "text")
        throw new PromptReferenceError(
          `'${current.name}' references ${describeReference(ref)}, a chat prompt; only text prompts can be included`,
        );
      graph.dependencies[current.id] ??= [];
      graph.dependencies[current.id]?.push({ id: child.id, name: child.name, version: child.version });
      replacements.set(ref.tag, (await resolve(child, depth + 1)) as string);
    }
    onPath.delete(current.id);
    return replaceTags(current.prompt, replacements);
  }

  const prompt = await resolve(root, 0);
  return { prompt, graph: Object.keys(graph.dependencies).length > 0 ? graph : null };
}
