/**
 * Builds the observation tree of a trace from its flat list. Observations whose parent is missing
 * (not yet ingested, or pointing outside the trace) become roots, so nothing is ever hidden.
 * Siblings are ordered by start time.
 */
export type TreeNode<T> = T & { children: TreeNode<T>[]; depth: number };

export function buildObservationTree<T extends { id: string; parentObservationId: string | null; startTime: string | Date }>(
  observations: T[],
): TreeNode<T>[] {
  const nodes = new Map<string, TreeNode<T>>();
  for (const o of observations) nodes.set(o.id, { ...o, children: [], depth: 0 });
  const roots: TreeNode<T>[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentObservationId ? nodes.get(node.parentObservationId) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  const time = (n: TreeNode<T>) => new Date(n.startTime).getTime();
  // Iterative walk: deep traces (thousands of levels) must not overflow the stack.
  const seen = new Set<TreeNode<T>>();
  const walk = (start: TreeNode<T>) => {
    const stack = [start];
    while (stack.length > 0) {
      const node = stack.pop() as TreeNode<T>;
      if (seen.has(node)) continue;
      seen.add(node);
      node.children.sort((a, b) => time(a) - time(b));
      for (const child of node.children) {
        child.depth = node.depth + 1;
        stack.push(child);
      }
    }
  };
  for (const root of roots) walk(root);
  // A parent cycle (a → b → a) leaves nodes unreachable from any root: surface them as roots.
  for (const node of nodes.values()) {
    if (seen.has(node)) continue;
    const parent = node.parentObservationId ? nodes.get(node.parentObservationId) : undefined;
    if (parent) parent.children = parent.children.filter((c) => c !== node);
    node.depth = 0;
    roots.push(node);
    walk(node);
  }
  roots.sort((a, b) => time(a) - time(b));
  return roots;
}

/** Flattens a tree depth-first (the order rows appear in a tree view). */
export function flattenTree<T>(roots: TreeNode<T>[]): TreeNode<T>[] {
  const out: TreeNode<T>[] = [];
  const stack = [...roots].reverse();
  const seen = new Set<TreeNode<T>>();
  while (stack.length > 0) {
    const node = stack.pop() as TreeNode<T>;
    if (seen.has(node)) continue;
    seen.add(node);
    out.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as TreeNode<T>);
  }
  return out;
}
