import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { LOCAL_SECRET_STORE, writeResources } from '../event-log/dapr/testing/resources.ts';
import { startSidecar, stopSidecar, type Sidecar } from '../event-log/dapr/testing/sidecar.ts';
import { daprSecretStore } from './dapr-secret-store.ts';
import { serviceSecretsFor } from './from-environment.ts';
import { MissingSecretError, readServiceSecrets } from './service-secrets.ts';

// The secret store adapter against a real daprd with the chart's local file store: the same
// component (and names) `npm run start:dapr` loads, this run's values in its file.
let workDir: string;
let sidecar: Sidecar;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'todo-secrets-dapr-'));
  sidecar = await startSidecar({
    appId: 'secrets-test',
    resourcesPath: writeResources(join(workDir, 'resources'), {
      brokers: '127.0.0.1:19092',
      // The pub/sub component is scoped to other apps: this sidecar loads only the secret store.
      appIds: ['no-such-app'],
      service: { databaseUrl: 'postgres://u:p@127.0.0.1:5999/db', jwtSecret: 'x'.repeat(40) },
      secrets: { 'todo-partial': { other: 'value' } },
    }),
    workDir,
  });
}, 120_000);

afterAll(async () => {
  if (sidecar) await stopSidecar(sidecar);
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('the Dapr secret store through a real sidecar', () => {
  it('serves the database URL, the JWT secret and the brokers by their environment names', async () => {
    const { from, values } = await serviceSecretsFor({
      DAPR_HTTP_PORT: String(sidecar.httpPort),
      DAPR_SECRET_STORE: LOCAL_SECRET_STORE,
    });
    expect(from).toBe(`Dapr secret store ${LOCAL_SECRET_STORE}`);
    expect(values).toEqual({
      DATABASE_URL: 'postgres://u:p@127.0.0.1:5999/db',
      JWT_SECRET: 'x'.repeat(40),
      KAFKA_BROKERS: '127.0.0.1:19092',
    });
  });

  it('names the secret a store lacks, rather than starting a service half-configured', async () => {
    const store = await daprSecretStore({ httpPort: sidecar.httpPort, store: LOCAL_SECRET_STORE });
    try {
      const lacking = {
        name: store.name,
        get: (s: string) => store.get(s === 'todo-jwt' ? 'todo-partial' : s),
      };
      await expect(readServiceSecrets(lacking)).rejects.toThrow(
        new MissingSecretError(LOCAL_SECRET_STORE, 'todo-jwt', 'secret'),
      );
      const unknown = {
        name: store.name,
        get: (s: string) => store.get(s === 'todo-postgres' ? 'todo-nothing' : s),
      };
      await expect(readServiceSecrets(unknown)).rejects.toThrow(/has no todo-postgres\/url/);
    } finally {
      await store.close();
    }
  });

  it('without DAPR_SECRET_STORE the environment is the source, and no sidecar is asked', async () => {
    expect(await serviceSecretsFor({ DAPR_HTTP_PORT: '1' })).toEqual({ from: 'environment', values: {} });
  });
});
