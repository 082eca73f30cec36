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

// Each interaction signs a user up (scrypt) and replays against the real system: on a loaded
// machine one contract takes more than jest's 60 s, and the system stopping under the
// verifier then fails every interaction after it.
const VERIFY_TIMEOUT_MS = 240_000;

describe('the REST API honours its consumers’ contracts (provider)', () => {
  it('answers every interaction the SPA expects', () => verify(SPA), VERIFY_TIMEOUT_MS);
  it(
    'answers every interaction the MCP server expects (its tools’ calls to the command and query APIs)',
    () => verify(MCP),
    VERIFY_TIMEOUT_MS,
  );
});
