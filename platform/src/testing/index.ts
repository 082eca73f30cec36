// Test support other packages and the scripts use: a fresh database per test file, the
// supervision of processes we start and their clock (pinned with libfaketime), the real Kafka
// broker, and the real Dapr binaries and scheduler (the dapr test project's global setup;
// sidecars are started by the tests).
export * from './test-database.ts';
export * from './processes.ts';
export * from './process-tree.ts';
export { endingWithParent, parentDeathSignalAvailable } from '../processes/parent-death.ts';
export * from './faked-clock.ts';
export * from './http-answer.ts';
export * from './raw-http-connection.ts';
export * from '../event-log/kafka/testing/broker.ts';
export * from '../event-log/kafka/testing/kafka-jars.ts';
export * from '../event-log/kafka/testing/test-kafka.ts';
export * from '../event-log/dapr/testing/dapr-binaries.ts';
export * from '../event-log/dapr/testing/daprd-with-smtp.ts';
export * from '../event-log/dapr/testing/scheduler.ts';
export * from '../event-log/dapr/testing/test-dapr-info.ts';
export * from '../event-log/dapr/testing/dapr-test-app.ts';
export * from '../event-log/dapr/testing/resources.ts';
export * from '../event-log/dapr/testing/sidecar.ts';
export * from '../event-log/dapr/testing/dapr-relay.ts';
