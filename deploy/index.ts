// What launches the system, for tools beside it (the benchmarks, the replay and quarantine
// commands): every migration, the standalone system, and the cluster on one machine.
export * from './standalone/migrations.ts';
export * from './standalone/system.ts';
export * from './cluster/cluster.ts';
