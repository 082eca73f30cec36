import type { ReadinessCheck } from './health-routes.ts';

/**
 * The app's Dapr sidecar is up when its outbound side answers (components loaded: it can
 * publish, read secrets and schedule jobs). `/v1.0/healthz` would also need the app itself,
 * which would make the app unready until it is ready: a circle.
 */
export function daprSidecarCheck(daprHttpUrl: string, timeoutMs = 1000): ReadinessCheck {
  return {
    name: 'dapr sidecar',
    ready: async () => {
      const res = await fetch(`${daprHttpUrl}/v1.0/healthz/outbound`, {
        signal: AbortSignal.timeout(timeoutMs),
      });
      await res.arrayBuffer();
      return res.status === 204;
    },
  };
}
