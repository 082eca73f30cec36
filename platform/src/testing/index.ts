// Test support other packages and the scripts use: a fresh database per test file, the
// supervision of processes we start (Kafka, daprd, scheduler) and the real Kafka broker.
export * from './test-database.ts';
export * from './processes.ts';
export * from '../event-log/kafka/testing/broker.ts';
export * from '../event-log/kafka/testing/kafka-jars.ts';
export * from '../event-log/kafka/testing/test-kafka.ts';
