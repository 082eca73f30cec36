/** Package name → the packages it depends on. */
export type DependencyGraph = ReadonlyMap<string, readonly string[]>;

/**
 * One concrete cycle per strongly connected component that has one (Tarjan), each as the
 * path of package names that returns to its first element: ["a", "b", "a"]. Deterministic:
 * packages and their dependencies are visited in name order.
 */
export function findCycles(graph: DependencyGraph): string[][] {
  const nodes = [...graph.keys()].sort();
  const edges = (n: string) => [...(graph.get(n) ?? [])].filter((m) => graph.has(m)).sort();
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let next = 0;

  const connect = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of edges(v)) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || edges(v).includes(v)) components.push(component.sort());
  };
  for (const n of nodes) if (!index.has(n)) connect(n);

  return components
    .map((component) => cycleWithin(new Set(component), component[0]!, edges))
    .sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** A shortest path from `start` back to itself inside one component (breadth first). */
function cycleWithin(component: Set<string>, start: string, edges: (n: string) => string[]): string[] {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of edges(v)) {
      if (!component.has(w)) continue;
      if (w === start) return [...pathTo(v, start, cameFrom), start];
      if (!cameFrom.has(w)) {
        cameFrom.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

function pathTo(end: string, start: string, cameFrom: Map<string, string>): string[] {
  const path = [end];
  while (path[0] !== start) path.unshift(cameFrom.get(path[0]!)!);
  return path;
}
