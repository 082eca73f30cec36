import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The Dapr resources live in the Helm chart (Helm reads files only inside the chart's folder),
 * and the local sidecars load the same files from there: one source. Five folders up from
 * here is the repository.
 */
export const DAPR_RESOURCES_DIR = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../../../deploy/helm/todo/dapr',
);

export interface ResourceSettings {
  /** Kafka bootstrap servers, served to the pub/sub component by the local secret store. */
  brokers: string;
  /** The app ids the components are scoped to in this run (the repo's files name the real apps). */
  appIds: string[];
  /** Extra secrets for the local store, e.g. todo-postgres. */
  secrets?: Record<string, Record<string, string>>;
  /**
   * The services' own secrets (the database URL and the JWT secret), served by the local store
   * as todo-postgres/url and todo-jwt/secret, the names the Kubernetes Secrets have: the apps
   * read them through their sidecars (platform/src/secrets).
   */
  service?: { databaseUrl: string; jwtSecret: string };
  /** More of the chart's files to load beside LOCAL_RESOURCES, e.g. `components/bindings-smtp.yaml`. */
  files?: string[];
}

/** The local secret store's name, as the chart's file names it (the Kubernetes one is the same). */
export const LOCAL_SECRET_STORE = 'todo-secrets';

/**
 * What a local sidecar loads; the Kubernetes secret store is the chart's. The resiliency
 * policy is not optional: without its unlimited inbound retries, an event the app answers
 * RETRY for goes to the subscription's dead-letter topic after one attempt, and the
 * consumer skips it (Dapr 1.16, pkg/runtime/subscription).
 */
export const LOCAL_RESOURCES = [
  'components/pubsub-kafka.yaml',
  'local/secretstore-local.yaml',
  'resiliency.yaml',
];

/** Replaces the file's top-level `scopes:` list by the given app ids. */
export function withScopes(yaml: string, appIds: string[]): string {
  const scopes = `scopes:\n${appIds.map((id) => `  - ${id}`).join('\n')}\n`;
  const replaced = yaml.replace(/^scopes:\n(?:[ \t]+- .*\n?)*/m, scopes);
  return replaced === yaml && !/^scopes:/m.test(yaml) ? `${yaml.trimEnd()}\n${scopes}` : replaced;
}

/**
 * Writes a resources folder for daprd from the chart's own files (one source): only the app scopes and the local secret file's path are filled in, and the
 * secret file holds this run's broker address.
 */
export function writeResources(dir: string, settings: ResourceSettings): string {
  mkdirSync(dir, { recursive: true });
  // Beside the folder, not in it: daprd reads every file of the folder as a resource.
  const secretsFile = join(dirname(dir), 'secrets.json');
  writeFileSync(
    secretsFile,
    JSON.stringify(
      {
        'todo-kafka': { brokers: settings.brokers },
        ...(settings.service
          ? {
              'todo-postgres': { url: settings.service.databaseUrl },
              'todo-jwt': { secret: settings.service.jwtSecret },
            }
          : {}),
        ...settings.secrets,
      },
      null,
      2,
    ),
  );
  for (const file of [...LOCAL_RESOURCES, ...(settings.files ?? [])]) {
    let yaml = readFileSync(join(DAPR_RESOURCES_DIR, file), 'utf8');
    yaml = yaml.replace(/value: \S*\/secrets\.json/, `value: ${secretsFile}`);
    if (/^scopes:/m.test(yaml)) yaml = withScopes(yaml, settings.appIds);
    writeFileSync(join(dir, file.replace('/', '-')), yaml);
  }
  return dir;
}
