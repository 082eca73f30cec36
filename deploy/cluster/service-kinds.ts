import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../..');

/** The kinds of process of the cluster; each instance is its own OS process. */
export type ServiceKind = 'relay' | 'command-api' | 'query-api' | 'projector' | 'saga' | 'realtime';

/** The kinds the gateway sends requests to: they listen on PORT in every mode. */
export const HTTP_KINDS: ReadonlySet<ServiceKind> = new Set(['command-api', 'query-api', 'realtime']);

export function serviceFile(kind: ServiceKind): string {
  return join(here, 'services', `${kind}.ts`);
}

/** The entry point as the repository's root sees it (the Dapr CLI starts apps from there). */
export function serviceFileFromRoot(kind: ServiceKind): string {
  return relative(repoRoot, serviceFile(kind));
}
