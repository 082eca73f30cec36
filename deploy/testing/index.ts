// The whole system for tests and tools outside deploy (the fuzzer, the benchmarks): in this
// process on a fresh test database, another instance on the same database, or
// `npm start`'s entry point as a child process. The jest global set-ups are not exported:
// jest.config.js names their files.
export * from './test-system.ts';
export * from './system-on.ts';
export * from './system-process.ts';
export * from './raw-request.ts';
export * from '../helm/testing/index.ts';
