/**
 * Which methods each route path answers, so that a request with another method on a known
 * path gets 405 and an `Allow` header (RFC 9110 §15.5.6) instead of "no route".
 */
export class AllowedMethods {
  private readonly routes: { pattern: RegExp; methods: Set<string> }[] = [];
  private readonly byUrl = new Map<string, Set<string>>();

  add(method: string | string[], url: string): void {
    let methods = this.byUrl.get(url);
    if (!methods) {
      methods = new Set();
      this.byUrl.set(url, methods);
      this.routes.push({ pattern: patternOf(url), methods });
    }
    for (const m of Array.isArray(method) ? method : [method]) methods.add(m.toUpperCase());
  }

  /** The methods answered at this concrete path, sorted; empty when no route has it. */
  for(path: string): string[] {
    const bare = path.split('?')[0]!;
    const trimmed = bare.length > 1 ? bare.replace(/\/+$/, '') : bare;
    const allowed = new Set<string>();
    for (const route of this.routes) {
      if (route.pattern.test(trimmed)) for (const m of route.methods) allowed.add(m);
    }
    return [...allowed].sort();
  }
}

/** `/api/tasks/:id/history` → a regular expression for concrete paths; `*` matches the rest. */
function patternOf(url: string): RegExp {
  const source = url
    .split('/')
    .map((segment) => {
      if (segment === '*') return '.*';
      if (segment.startsWith(':')) return '[^/]+';
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  const withoutSlash = source.length > 1 ? source.replace(/\/$/, '') : source;
  return new RegExp(`^${withoutSlash}$`);
}
