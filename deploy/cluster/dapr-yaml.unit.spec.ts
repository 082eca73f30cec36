import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { SERVICE_SECRETS } from '@todo/platform';
import { LOCAL_SECRET_STORE } from '@todo/platform/local';
import { DAPR_APPS } from './dapr-apps.ts';
import { HTTP_KINDS, serviceFileFromRoot } from './service-kinds.ts';

// dapr.yaml (the Dapr CLI's multi-app run) and `npm run start:dapr` (dapr-apps.ts) must run
// the same apps: same app ids, same entry points, same switches onto the sidecar.
interface RunFileApp {
  appID: string;
  appDirPath: string;
  appPort?: number;
  command: string[];
  env?: Record<string, string>;
}
const runFile = parse(readFileSync(resolve(import.meta.dirname, '../../dapr.yaml'), 'utf8')) as {
  version: number;
  common: { resourcesPath: string; env: Record<string, string> };
  apps: RunFileApp[];
};
const byId = new Map(runFile.apps.map((a) => [a.appID, a]));

describe('dapr.yaml', () => {
  it('lists the apps of the run mode, and besides them only the gateway', () => {
    expect(runFile.version).toBe(1);
    expect(runFile.apps.map((a) => a.appID).sort()).toEqual(
      [...DAPR_APPS.map((a) => a.appId), 'gateway'].sort(),
    );
  });

  it.each(DAPR_APPS.map((a) => [a.appId, a] as const))(
    '%s: the same entry point and switches',
    (_id, app) => {
      const entry = byId.get(app.appId)!;
      expect(entry.appDirPath).toBe('.');
      expect(entry.command).toEqual(['node', serviceFileFromRoot(app.kind)]);
      const { PORT, ...switches } = entry.env ?? {};
      expect(switches).toEqual(app.env);
      // An app the sidecar calls listens on PORT, the port the sidecar is told.
      if (app.listens) {
        expect(entry.appPort).toBeGreaterThan(0);
        expect(PORT).toBe(String(entry.appPort));
      } else {
        expect(entry.appPort).toBeUndefined();
        expect(PORT).toBeUndefined();
      }
    },
  );

  it('the gateway forwards to the ports of command-api, query-api and realtime', () => {
    const env = byId.get('gateway')!.env!;
    const at = (id: string) => `127.0.0.1:${byId.get(id)!.appPort}`;
    expect(env.GATEWAY_COMMAND_API).toBe(at('command-api'));
    expect(env.GATEWAY_QUERY_API).toBe(at('query-api'));
    expect(env.GATEWAY_REALTIME).toBe(at('realtime'));
    expect(byId.get('gateway')!.command).toEqual(['node', 'deploy/cluster/services/gateway.ts']);
    expect([...HTTP_KINDS].every((k) => DAPR_APPS.some((a) => a.kind === k && a.listens))).toBe(true);
  });

  it('every app asks its sidecar for its secrets, and the sidecars load the prepared resources', () => {
    expect(runFile.common.env.DAPR_SECRET_STORE).toBe(LOCAL_SECRET_STORE);
    const secrets = SERVICE_SECRETS.map((s) => s.env as string);
    expect(Object.keys(runFile.common.env).filter((name) => secrets.includes(name))).toEqual([]);
    expect(runFile.common.resourcesPath).toBe('./.dapr/resources');
  });
});
