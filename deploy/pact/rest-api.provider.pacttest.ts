import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Verifier } from '@pact-foundation/pact';
import { startTestSystem, type TestSystem } from '../testing/test-system.ts';
import { existsSync } from 'node:fs';
import { REST_API, SPA, pactFile } from './pact-files.ts';
import { restApiStates } from './rest-api-states.ts';

let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem();
});
afterAll(async () => {
  await system?.stop();
});

describe('the REST API honours the SPA’s contract (provider)', () => {
  it('answers every interaction the SPA expects', async () => {
    const pact = pactFile(SPA, REST_API);
    expect(existsSync(pact)).toBe(true); // written by rest-api.consumer.pacttest.ts in this run
    await new Verifier({
      provider: REST_API,
      providerBaseUrl: system.url,
      pactUrls: [pact],
      stateHandlers: restApiStates(system),
      logLevel: 'warn',
    }).verifyProvider();
  });
});
