// What launches the system, for tools beside it (the benchmarks, the replay and quarantine
// commands): every migration, the standalone system, and the cluster on one machine.
export * from './standalone/migrations.ts';
export * from './standalone/system.ts';
export * from './cluster/cluster.ts';
// The app ids the Dapr pub/sub component is scoped to (a Dapr run's resources name them).
export { PUBSUB_APP_IDS } from './cluster/dapr-apps.ts';
