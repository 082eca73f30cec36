/**
 * A minimal Prometheus registry: counters with labels, rendered in the text exposition
 * format at `/metrics`. Process-wide, like the counters of any Prometheus client.
 */
export class Counter {
  readonly name: string;
  readonly help: string;
  private readonly values = new Map<string, { labels: Record<string, string>; value: number }>();

  constructor(name: string, help: string) {
    this.name = name;
    this.help = help;
  }

  inc(labels: Record<string, string> = {}, by = 1): void {
    const key = JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
    const entry = this.values.get(key) ?? { labels, value: 0 };
    entry.value += by;
    this.values.set(key, entry);
  }

  get(labels: Record<string, string> = {}): number {
    const key = JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
    return this.values.get(key)?.value ?? 0;
  }

  render(): string {
    const escape = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const { labels, value } of this.values.values()) {
      const parts = Object.entries(labels).map(([k, v]) => `${k}="${escape(v)}"`);
      lines.push(`${this.name}${parts.length ? `{${parts.join(',')}}` : ''} ${value}`);
    }
    return lines.join('\n');
  }
}

const registry = new Map<string, Counter>();

/** The process's counter of that name (created on first use). */
export function counter(name: string, help: string): Counter {
  let c = registry.get(name);
  if (!c) {
    c = new Counter(name, help);
    registry.set(name, c);
  }
  return c;
}

/** Every counter, in the Prometheus text format (version 0.0.4). */
export function renderMetrics(): string {
  return [...registry.values()].map((c) => c.render()).join('\n') + '\n';
}

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
