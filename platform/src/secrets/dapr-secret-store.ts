import type { SecretStore } from './service-secrets.ts';

export interface DaprSecretStoreOptions {
  /** The sidecar's HTTP port (DAPR_HTTP_PORT). */
  httpPort: number;
  /** The secret store component's name (DAPR_SECRET_STORE, `todo-secrets` in the chart). */
  store: string;
  host?: string;
}

/**
 * A Dapr secret store through the app's sidecar, with the Dapr SDK's client: it waits for the
 * sidecar to answer (a service may start before its daprd has loaded its components), then
 * reads `GET /v1.0/secrets/<store>/<name>`. Imported on demand, so a process without a sidecar
 * never loads the SDK.
 */
export async function daprSecretStore(
  options: DaprSecretStoreOptions,
): Promise<SecretStore & { close(): Promise<void> }> {
  const { DaprClient, CommunicationProtocolEnum, LogLevel } = await import('@dapr/dapr');
  const client = new DaprClient({
    daprHost: options.host ?? '127.0.0.1',
    daprPort: String(options.httpPort),
    communicationProtocol: CommunicationProtocolEnum.HTTP,
    logger: { level: LogLevel.Error },
  });
  await client.start();
  return {
    name: options.store,
    get: async (secret) => (await client.secret.get(options.store, secret)) as Record<string, string>,
    close: () => client.stop(),
  };
}
