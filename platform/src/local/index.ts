// What a run of the cluster on one machine needs (`npm run start:cluster`, the Dapr harness,
// the tests): a local Kafka broker from the cached jars, and the cached Dapr binaries. Never
// for a service: in a cluster these are the operator's.
export * from '../event-log/kafka/testing/broker.ts';
export * from '../event-log/kafka/testing/kafka-jars.ts';
export * from '../event-log/dapr/testing/dapr-binaries.ts';
// The run mode with Dapr (`npm run start:dapr`) starts the same sidecars and scheduler as the tests.
export * from '../event-log/dapr/testing/sidecar.ts';
export * from '../event-log/dapr/testing/scheduler.ts';
export * from '../event-log/dapr/testing/resources.ts';
export { isAlive, isOurs, stopProcess, type StartedProcess } from '../testing/processes.ts';
export * from './tools/tool-cache.ts';
export * from './tools/go-tools.ts';
export * from './tools/python-venv.ts';
