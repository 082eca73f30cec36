import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Verifier } from '@pact-foundation/pact';
import { startTestSystem, type TestSystem } from '../testing/test-system.ts';
import { existsSync } from 'node:fs';
import { MCP, REST_API, SPA, pactFile } from './pact-files.ts';
import { restApiStates } from './rest-api-states.ts';

let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem();
});
afterAll(async () => {
  await system?.stop();
});

const verify = async (consumer: string) => {
  const pact = pactFile(consumer, REST_API);
  expect(existsSync(pact)).toBe(true); // written by its consumer test in this run
  await new Verifier({
    provider: REST_API,
    providerBaseUrl: system.url,
    pactUrls: [pact],
    stateHandlers: restApiStates(system),
    logLevel: 'warn',
  }).verifyProvider();
};

describe('the REST API honours its consumers’ contracts (provider)', () => {
  it('answers every interaction the SPA expects', () => verify(SPA));
  it('answers every interaction the MCP server expects (its tools’ calls to the command and query APIs)', () =>
    verify(MCP));
});
