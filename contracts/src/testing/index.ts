// Fixtures for tests in other packages: valid envelopes and views to start from.
export * from './fixtures.ts';
