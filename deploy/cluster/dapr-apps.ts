import type { ServiceKind } from './service-kinds.ts';

/**
 * The cluster with Dapr (`npm run start:dapr`, and `dapr.yaml` for the Dapr CLI, kept equal
 * by dapr-yaml.unit.spec.ts): each kind is one Dapr app with its own sidecar. The app id is
 * the consumer group of the pub/sub component (replicas of an app split the partitions) and
 * the name in the components' scopes; `env` is what switches the service onto its sidecar.
 */
export interface DaprApp {
  appId: string;
  kind: ServiceKind;
  /** The sidecar calls the app (deliveries, job callbacks, or nothing but health): it listens on PORT. */
  listens: boolean;
  env: Record<string, string>;
}

export const DAPR_APPS: readonly DaprApp[] = [
  // Publishes through its sidecar (bulk, rawPayload, partitionKey = user id). Nothing calls it.
  { appId: 'relay', kind: 'relay', listens: false, env: { RELAY_PUBLISH: 'dapr' } },
  { appId: 'command-api', kind: 'command-api', listens: true, env: {} },
  { appId: 'query-api', kind: 'query-api', listens: true, env: {} },
  // Reads the log through its sidecar's subscription.
  { appId: 'projectors', kind: 'projector', listens: true, env: { EVENT_LOG: 'dapr' } },
  // Reads the log through its sidecar, and its reminders are jobs on the Dapr scheduler.
  { appId: 'sagas', kind: 'saga', listens: true, env: { EVENT_LOG: 'dapr', REMINDER_SCHEDULER: 'dapr' } },
  // Follows the change feed in PostgreSQL, not the log: its sidecar is for health (and secrets).
  { appId: 'realtime', kind: 'realtime', listens: true, env: {} },
];

/** The app ids that use the pub/sub component (its scopes and the resiliency policy's). */
export const PUBSUB_APP_IDS = ['relay', 'projectors', 'sagas'];

export function daprAppOf(kind: ServiceKind): DaprApp {
  const app = DAPR_APPS.find((a) => a.kind === kind);
  if (!app) throw new Error(`no Dapr app for ${kind}`);
  return app;
}
