import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_DAPR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dapr');

export interface ResourceSettings {
  /** Kafka bootstrap servers, served to the pub/sub component by the local secret store. */
  brokers: string;
  /** The app ids the components are scoped to in this run (the repo's files name the real apps). */
  appIds: string[];
  /** Extra secrets for the local store, e.g. todo-postgres. */
  secrets?: Record<string, Record<string, string>>;
}

/** The component files a local sidecar loads; the Kubernetes secret store is the chart's. */
const LOCAL_COMPONENTS = ['pubsub-kafka.yaml', 'secretstore-local.yaml'];

/** Replaces the file's top-level `scopes:` list by the given app ids. */
export function withScopes(yaml: string, appIds: string[]): string {
  const scopes = `scopes:\n${appIds.map((id) => `  - ${id}`).join('\n')}\n`;
  const replaced = yaml.replace(/^scopes:\n(?:[ \t]+- .*\n?)*/m, scopes);
  return replaced === yaml && !/^scopes:/m.test(yaml) ? `${yaml.trimEnd()}\n${scopes}` : replaced;
}

/**
 * Writes a resources folder for daprd from the repository's own files in `dapr/components`
 * (one source): only the app scopes and the local secret file's path are filled in, and the
 * secret file holds this run's broker address.
 */
export function writeResources(dir: string, settings: ResourceSettings): string {
  mkdirSync(dir, { recursive: true });
  const secretsFile = join(dir, 'secrets.json');
  writeFileSync(
    secretsFile,
    JSON.stringify({ 'todo-kafka': { brokers: settings.brokers }, ...settings.secrets }, null, 2),
  );
  for (const file of LOCAL_COMPONENTS) {
    let yaml = readFileSync(join(REPO_DAPR, 'components', file), 'utf8');
    yaml = yaml.replace(/value: \.\/dapr\/secrets\.json/, `value: ${secretsFile}`);
    if (/^scopes:/m.test(yaml)) yaml = withScopes(yaml, settings.appIds);
    writeFileSync(join(dir, file), yaml);
  }
  return dir;
}
