// Cycles between the folders of src/ (src/inbound, src/workflow, …), found from module-level imports.
// A file-level cycle check misses these: progress/a.ts → workflow/b.ts and workflow/c.ts → progress/d.ts
// form no file cycle, yet the two folders can no longer be understood, tested or moved one without
// the other.

export interface ModuleImport {
  from: string;
  to: string;
}

export interface FolderCycle {
  /** The folders that reach each other, sorted. */
  folders: string[];
  /** Every import from one of those folders into another, sorted. */
  imports: ModuleImport[];
}

/**
 * The unit a module belongs to: its top-level folder under src/ (src/channels/wecom/x.ts →
 * src/channels), or the file itself for a file directly in src/ (the composition root).
 * Anything outside src/ (packages, node built-ins) is no unit.
 */
export function folderOf(path: string): string | undefined {
  const match = /^src\/[^/]+/.exec(path);
  return match?.[0];
}

export function findFolderCycles(imports: readonly ModuleImport[]): FolderCycle[] {
  const between = imports.flatMap((edge) => {
    const from = folderOf(edge.from);
    const to = folderOf(edge.to);
    return from !== undefined && to !== undefined && from !== to ? [{ edge, from, to }] : [];
  });
  const next = new Map<string, Set<string>>();
  for (const { from, to } of between) {
    next.set(from, (next.get(from) ?? new Set()).add(to));
    if (!next.has(to)) next.set(to, new Set());
  }
  const componentOf = new Map<string, number>();
  const components = stronglyConnected(next).filter((component) => component.length > 1);
  components.forEach((component, index) => {
    for (const folder of component) componentOf.set(folder, index);
  });
  return components
    .map((component, index) => ({
      folders: [...component].sort(),
      imports: between
        .filter(({ from, to }) => componentOf.get(from) === index && componentOf.get(to) === index)
        .map(({ edge }) => edge)
        .sort(compareImports),
    }))
    .sort((a, b) => (a.folders[0] ?? "").localeCompare(b.folders[0] ?? ""));
}

/** Imports listed per pair of folders; the rest are counted. */
const LISTED_PER_PAIR = 5;

/**
 * Each cycle's folders, then the imports from one to another, the thinnest pairs first: a cycle
 * that one new import closed shows that import on top.
 */
export function describeFolderCycles(cycles: readonly FolderCycle[]): string {
  return cycles
    .map((cycle) => {
      const lines = [`folders that import each other: ${cycle.folders.join(", ")}`];
      for (const [pair, edges] of groupByFolderPair(cycle.imports)) {
        lines.push(`  ${pair} (${edges.length}):`);
        for (const edge of edges.slice(0, LISTED_PER_PAIR)) lines.push(`    ${edge.from} → ${edge.to}`);
        if (edges.length > LISTED_PER_PAIR) lines.push(`    … and ${edges.length - LISTED_PER_PAIR} more`);
      }
      return lines.join("\n");
    })
    .join("\n\n");
}

function groupByFolderPair(imports: readonly ModuleImport[]): [string, ModuleImport[]][] {
  const groups = new Map<string, ModuleImport[]>();
  for (const edge of imports) {
    const pair = `${folderOf(edge.from)} → ${folderOf(edge.to)}`;
    groups.set(pair, [...(groups.get(pair) ?? []), edge]);
  }
  return [...groups].sort(([a, edgesA], [b, edgesB]) => edgesA.length - edgesB.length || a.localeCompare(b));
}

function compareImports(a: ModuleImport, b: ModuleImport): number {
  return a.from.localeCompare(b.from) || a.to.localeCompare(b.to);
}

/** Tarjan's algorithm; the graph has a few dozen nodes, so recursion depth is no concern. */
function stronglyConnected(next: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];

  const visit = (node: string): void => {
    index.set(node, index.size);
    lowLink.set(node, index.get(node) ?? 0);
    stack.push(node);
    onStack.add(node);
    for (const target of next.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        lowLink.set(node, Math.min(lowLink.get(node) ?? 0, lowLink.get(target) ?? 0));
      } else if (onStack.has(target)) {
        lowLink.set(node, Math.min(lowLink.get(node) ?? 0, index.get(target) ?? 0));
      }
    }
    if (lowLink.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    components.push(component);
  };

  for (const node of next.keys()) if (!index.has(node)) visit(node);
  return components;
}
