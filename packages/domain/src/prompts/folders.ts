/** Folder path segments of a prompt name (`support/triage/v2` → `["support", "triage"]`). */
export function promptFolder(name: string): string[] {
  return name.split("/").slice(0, -1);
}

export type FolderEntry<T> = { kind: "folder"; name: string; path: string; count: number } | { kind: "prompt"; item: T };

/**
 * The entries directly inside `folder` ("" = top): sub-folders first (with how many prompts are in
 * them, at any depth), then the prompts. `items` carry their full name.
 */
export function listFolder<T extends { name: string }>(items: T[], folder: string): FolderEntry<T>[] {
  const prefix = folder === "" ? "" : `${folder}/`;
  const folders = new Map<string, number>();
  const prompts: FolderEntry<T>[] = [];
  for (const item of items) {
    if (!item.name.startsWith(prefix)) continue;
    const rest = item.name.slice(prefix.length);
    const slash = rest.indexOf("/");
    if (slash === -1) prompts.push({ kind: "prompt", item });
    else folders.set(rest.slice(0, slash), (folders.get(rest.slice(0, slash)) ?? 0) + 1);
  }
  const folderEntries = [...folders]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, count]): FolderEntry<T> => ({ kind: "folder", name, path: `${prefix}${name}`, count }));
  return [...folderEntries, ...prompts];
}
