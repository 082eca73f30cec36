import { daprSecretStore } from './dapr-secret-store.ts';
import { readServiceSecrets, type ServiceSecretName } from './service-secrets.ts';

/**
 * Where a cluster service's secrets come from: with a sidecar and DAPR_SECRET_STORE set, the
 * Dapr secret store (as the chart and `npm run start:dapr` run it), else the environment.
 * Returns the names to lay over the environment, and where they came from for the log.
 */
export async function serviceSecretsFor(
  env: NodeJS.ProcessEnv,
): Promise<{ from: string; values: Partial<Record<ServiceSecretName, string>> }> {
  const store = env.DAPR_SECRET_STORE;
  const port = Number(env.DAPR_HTTP_PORT);
  if (!store) return { from: 'environment', values: {} };
  if (!(port > 0)) throw new Error('DAPR_SECRET_STORE is set but DAPR_HTTP_PORT is not: no sidecar to ask');
  const dapr = await daprSecretStore({ httpPort: port, store });
  try {
    return { from: `Dapr secret store ${store}`, values: await readServiceSecrets(dapr) };
  } finally {
    await dapr.close();
  }
}
