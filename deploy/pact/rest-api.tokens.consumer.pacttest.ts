import { describe, expect, it } from '@jest/globals';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { PACT_DIR, REST_API, SPA } from './pact-files.ts';
import { TOKEN_EXAMPLE, UUID_EXAMPLE, auth, isoInstant, jsonContentType } from './matchers.ts';
import { SpaClient } from './spa-client.ts';

const { eachLike, fromProviderState, like, nullValue, regex, uuid } = MatchersV3;

/**
 * The SPA's Settings › API tokens against the REST API. Added to the pact file of
 * rest-api.consumer.pacttest.ts (which starts it afresh and runs first: the sequencer orders
 * by path), so the one provider verification replays these too.
 */
const pact = new PactV4({ consumer: SPA, provider: REST_API, dir: PACT_DIR, logLevel: 'warn' });
const signedIn = (baseUrl: string) => new SpaClient(baseUrl, TOKEN_EXAMPLE);
const json = { 'Content-Type': 'application/json' };
const scope = regex('^tasks:(read|write)$', 'tasks:read');
const tokenView = () => ({
  id: uuid(UUID_EXAMPLE),
  name: like('Claude Desktop'),
  scopes: eachLike(scope),
  hint: regex('^todo_pat_[A-Za-z0-9_-]{4}$', 'todo_pat_AbCd'),
  createdAt: isoInstant(),
  expiresAt: isoInstant(),
  lastUsedAt: nullValue(),
});

describe('the SPA’s API tokens against the REST API (consumer)', () => {
  it('creates a token and gets its secret once', async () => {
    await pact
      .addInteraction()
      .given('a signed-in user')
      .uponReceiving('an API token creation')
      .withRequest('POST', '/api/tokens', (b) =>
        b
          .headers({ ...auth, ...json })
          .jsonBody({ name: 'Claude Desktop', scopes: ['tasks:read'], expiresInDays: 90 }),
      )
      .willRespondWith(201, (b) =>
        b.headers({ 'Content-Type': jsonContentType }).jsonBody({
          ...tokenView(),
          token: regex('^todo_pat_[A-Za-z0-9_-]{43}$', `todo_pat_${'A'.repeat(43)}`),
        }),
      )
      .executeTest(async (mock) => {
        const created = await signedIn(mock.url).createToken({
          name: 'Claude Desktop',
          scopes: ['tasks:read'],
          expiresInDays: 90,
        });
        expect(created.token.startsWith('todo_pat_')).toBe(true);
        expect(created.scopes).toEqual(['tasks:read']);
      });
  });

  it('lists the tokens', async () => {
    await pact
      .addInteraction()
      .given('a signed-in user with an API token')
      .uponReceiving('a list of API tokens')
      .withRequest('GET', '/api/tokens', (b) => b.headers(auth))
      .willRespondWith(200, (b) =>
        b.headers({ 'Content-Type': jsonContentType }).jsonBody({ items: eachLike(tokenView()) }),
      )
      .executeTest(async (mock) => {
        const tokens = await signedIn(mock.url).tokens();
        expect(tokens[0]?.name).toBe('Claude Desktop');
        expect(tokens[0]).not.toHaveProperty('token');
      });
  });

  it('revokes a token', async () => {
    await pact
      .addInteraction()
      .given('a signed-in user with an API token')
      .uponReceiving('an API token revocation')
      .withRequest(
        'DELETE',
        fromProviderState('/api/tokens/${apiTokenId}', `/api/tokens/${UUID_EXAMPLE}`),
        (b) => b.headers(auth),
      )
      .willRespondWith(204)
      .executeTest(async (mock) => {
        await expect(signedIn(mock.url).revokeToken(UUID_EXAMPLE)).resolves.toBeNull();
      });
  });
});
