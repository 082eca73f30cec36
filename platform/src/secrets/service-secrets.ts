/**
 * The three secrets every cluster service needs, by the names the chart's Kubernetes Secrets
 * and the local file store both give them (deploy/helm/todo/dapr), and the environment
 * variable each one stands for when no sidecar runs.
 */
export const SERVICE_SECRETS = [
  { env: 'DATABASE_URL', secret: 'todo-postgres', key: 'url' },
  { env: 'JWT_SECRET', secret: 'todo-jwt', key: 'secret' },
  { env: 'KAFKA_BROKERS', secret: 'todo-kafka', key: 'brokers' },
] as const;

export type ServiceSecretName = (typeof SERVICE_SECRETS)[number]['env'];

/** A secret store: one named secret is a map of keys to values (as a Kubernetes Secret is). */
export interface SecretStore {
  readonly name: string;
  get(secret: string): Promise<Record<string, string>>;
}

export class MissingSecretError extends Error {
  constructor(store: string, secret: string, key: string, cause?: unknown) {
    super(
      `the secret store ${store} has no ${secret}/${key}` +
        (cause instanceof Error ? ` (${cause.message})` : '') +
        `: add it (docs/dapr.md, "Secrets")`,
      { cause },
    );
    this.name = 'MissingSecretError';
  }
}

/**
 * Reads every service secret from the store, as environment names and values. A secret or key
 * the store lacks is an error naming it: a service must not start half-configured.
 */
export async function readServiceSecrets(store: SecretStore): Promise<Record<ServiceSecretName, string>> {
  const entries = await Promise.all(
    SERVICE_SECRETS.map(async ({ env, secret, key }) => {
      let values: Record<string, string>;
      try {
        values = await store.get(secret);
      } catch (error) {
        throw new MissingSecretError(store.name, secret, key, error);
      }
      const value = values[key];
      if (typeof value !== 'string' || value === '') throw new MissingSecretError(store.name, secret, key);
      return [env, value] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<ServiceSecretName, string>;
}
