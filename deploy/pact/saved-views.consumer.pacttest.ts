import { describe, expect, it } from '@jest/globals';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { PACT_DIR, REST_API, SPA } from './pact-files.ts';
import { UUID_EXAMPLE, etag, isoInstant, jsonContentType } from './matchers.ts';
import { SpaClient } from './spa-client.ts';

const { boolean, eachLike, fromProviderState, integer, like, regex, uuid } = MatchersV3;

/**
 * The SPA's saved views (web-angular/src/app/core/api/views-api.ts) against the REST API.
 * Same pact file as rest-api.consumer.pacttest.ts, which runs first (the sequencer orders
 * consumers by path) and starts the file afresh; these interactions are merged into it.
 */
const TOKEN_EXAMPLE = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJl';
const auth = { Authorization: fromProviderState('Bearer ${token}', `Bearer ${TOKEN_EXAMPLE}`) };
const pact = new PactV4({ consumer: SPA, provider: REST_API, dir: PACT_DIR, logLevel: 'warn' });
const signedIn = (baseUrl: string) => new SpaClient(baseUrl, TOKEN_EXAMPLE);

describe('the SPA’s saved views against the REST API (consumer)', () => {
  it('saves the filter box’s filter as a view, with an idempotency key', async () => {
    await pact
      .addInteraction()
      .given('a signed-in user')
      .uponReceiving('a saved view')
      .withRequest('POST', '/api/views', (b) =>
        b
          .headers({
            ...auth,
            'Content-Type': 'application/json',
            'Idempotency-Key': regex('^.{1,200}$', UUID_EXAMPLE),
          })
          .jsonBody({ name: 'Urgent', filter: 'today & p1 | overdue' }),
      )
      .willRespondWith(201, (b) =>
        b
          .headers({ 'Content-Type': jsonContentType, ETag: etag() })
          .jsonBody({ id: uuid(UUID_EXAMPLE), version: integer(1) }),
      )
      .executeTest(async (mock) => {
        const saved = await signedIn(mock.url).saveView(
          { name: 'Urgent', filter: 'today & p1 | overdue' },
          UUID_EXAMPLE,
        );
        expect(saved).toEqual({ id: UUID_EXAMPLE, version: 1 });
      });
  });

  it('lists the views in order, each with its count, for the navigation', async () => {
    await pact
      .addInteraction()
      .given('a signed-in user with a task and a saved view')
      .uponReceiving('a list of saved views with counts')
      .withRequest('GET', '/api/views', (b) => b.headers(auth))
      .willRespondWith(200, (b) =>
        b.headers({ 'Content-Type': jsonContentType, ETag: etag() }).jsonBody({
          items: eachLike({
            id: uuid(UUID_EXAMPLE),
            name: like('Urgent'),
            filter: like('today & p1 | overdue'),
            position: integer(0),
            version: integer(1),
            createdAt: isoInstant(),
            updatedAt: isoInstant(),
            count: integer(1),
            countCapped: boolean(false),
          }),
          version: integer(1),
        }),
      )
      .executeTest(async (mock) => {
        const list = await signedIn(mock.url).views();
        expect(list.items[0]).toMatchObject({ name: 'Urgent', position: 0, count: 1, countCapped: false });
      });
  });
});
