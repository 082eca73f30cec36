// Jest for the SPA: jest-preset-angular (CJS transform through the Angular compiler's
// TypeScript), jsdom, zoneless test environment. Specs live beside the code (*.spec.ts).
import presets from 'jest-preset-angular/presets/index.js';

const preset = presets.createCjsPreset({ tsconfig: '<rootDir>/tsconfig.spec.json' });

export default {
  ...preset,
  displayName: 'web',
  rootDir: import.meta.dirname,
  testEnvironment: 'jest-preset-angular/environments/jest-jsdom-env',
  setupFilesAfterEnv: ['<rootDir>/src/testing/setup-jest.ts'],
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  // sse.js ships ESM only, so it goes through the transform like Angular's .mjs files.
  transformIgnorePatterns: ['node_modules/(?!(.*\\.mjs$|sse\\.js/|@angular/common/locales/.*\\.js$))'],
  // Contracts import siblings as './x.ts'; the CJS transform rewrites that to './x.js'.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  cacheDirectory: '<rootDir>/../.cache/jest-web',
  reporters: ['default', '<rootDir>/../scripts/jest-count-reporter.js'],
};
