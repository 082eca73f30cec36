// Test kinds are told apart by suffix (see docs/ARCHITECTURE.md): unit tests are pure,
// integration tests run against a real PostgreSQL and real HTTP.
const transform = {
  '^.+\\.ts$': [
    '@swc/jest',
    {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'es6' },
    },
  ],
};
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  transform,
  testEnvironment: 'node',
  modulePathIgnorePatterns: ['<rootDir>/web-angular/', '<rootDir>/.cache/', '<rootDir>/.data/'],
};

export default {
  // Integration tests start real servers; per-project values are not honoured for this.
  testTimeout: 60000,
  reporters: ['default', '<rootDir>/scripts/jest-count-reporter.js'],
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/**/*.unit.spec.ts'] },
    {
      ...common,
      displayName: 'int',
      testMatch: ['<rootDir>/**/*.int.spec.ts'],
      globalSetup: '<rootDir>/deploy/testing/global-setup.ts',
      globalTeardown: '<rootDir>/deploy/testing/global-teardown.ts',
      testTimeout: 60000,
    },
    {
      ...common,
      displayName: 'kafka',
      testMatch: ['<rootDir>/**/*.kafka.spec.ts'],
      globalSetup: '<rootDir>/deploy/testing/kafka-global-setup.ts',
      globalTeardown: '<rootDir>/deploy/testing/kafka-global-teardown.ts',
      testTimeout: 120000,
    },
    {
      ...common,
      // Real daprd sidecars and the real Dapr scheduler over real Kafka (npm run test:dapr).
      displayName: 'dapr',
      testMatch: ['<rootDir>/**/*.dapr.spec.ts'],
      globalSetup: '<rootDir>/deploy/testing/dapr-global-setup.ts',
      globalTeardown: '<rootDir>/deploy/testing/dapr-global-teardown.ts',
      testTimeout: 120000,
    },
    {
      ...common,
      // The Kubernetes artefacts, checked (npm run test:k8s): helm lint and template, every
      // rendered object against the Kubernetes schemas and Dapr's CRDs, the workflows
      // with actionlint. The tools are built or found by `npm run k8s:install`.
      displayName: 'k8s',
      testMatch: ['<rootDir>/**/*.k8s.spec.ts'],
      testTimeout: 120000,
    },
    {
      ...common,
      // Pact contracts; `npm run test:pact` runs the consumer tests first (they write pacts/).
      displayName: 'pact',
      testMatch: ['<rootDir>/**/*.pacttest.ts'],
      globalSetup: '<rootDir>/deploy/testing/global-setup.ts',
      globalTeardown: '<rootDir>/deploy/testing/global-teardown.ts',
      testTimeout: 60000,
    },
    {
      ...common,
      // Outside suites against the real standalone process (deploy/system-tests, docs/system-tests.md):
      // `npm run test:system`. Each file starts its own processes; no global database. Steps that
      // wait longer than the global testTimeout say so themselves.
      displayName: 'system',
      testMatch: ['<rootDir>/deploy/system-tests/**/*.system.spec.ts'],
    },
  ],
};
