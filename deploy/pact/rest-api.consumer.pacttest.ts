import { beforeAll, describe, expect, it } from '@jest/globals';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { PACT_DIR, REST_API, SPA, removePactFile } from './pact-files.ts';
import {
  TOKEN_EXAMPLE,
  UUID_EXAMPLE,
  auth,
  etag,
  isoInstant,
  jsonContentType,
  problemContentType,
  taskView,
} from './matchers.ts';
import * as rest from './rest-interactions.ts';
import { HttpError, SpaClient, problemFields } from './spa-client.ts';

const { atLeastLike, boolean, eachLike, fromProviderState, integer, like, nullValue, regex, uuid } =
  MatchersV3;

/**
 * What the SPA's typed clients send and which response fields they rely on. Every
 * authenticated request carries the token the provider state made; ids in paths are the
 * ones it created, so the provider verification replays them against real data.
 */
/** What the task list's queryFor sends for an open view filtered by tag and a start date. */
const LIST_QUERY = {
  status: 'open',
  sort: 'due',
  order: 'asc',
  limit: 100,
  dueFrom: '2026-11-01T00:00:00.000Z',
  tag: 'home',
} as const;

const pact = new PactV4({ consumer: SPA, provider: REST_API, dir: PACT_DIR, logLevel: 'warn' });
const signedIn = (baseUrl: string) => new SpaClient(baseUrl, TOKEN_EXAMPLE);

const authResponse = (email: string) => ({
  token: like(TOKEN_EXAMPLE),
  expiresAt: isoInstant(),
  user: { id: uuid(), email },
});

beforeAll(() => removePactFile(SPA, REST_API));

describe('the SPA against the REST API (consumer)', () => {
  it('signs up', async () => {
    await pact
      .addInteraction()
      .given('no user has signed up with new.user@example.com')
      .uponReceiving('a sign-up')
      .withRequest('POST', '/api/auth/signup', (b) =>
        b.headers(rest.json).jsonBody({ email: 'new.user@example.com', password: 'correct horse' }),
      )
      .willRespondWith(201, (b) =>
        b.headers({ 'Content-Type': jsonContentType }).jsonBody(authResponse('new.user@example.com')),
      )
      .executeTest(async (mock) => {
        const session = await new SpaClient(mock.url).signup({
          email: 'new.user@example.com',
          password: 'correct horse',
        });
        expect(session.token).toBe(TOKEN_EXAMPLE);
        expect(session.user.email).toBe('new.user@example.com');
      });
  });

  it('logs in', async () => {
    await pact
      .addInteraction()
      .given('a user ann@example.com with the password "correct horse"')
      .uponReceiving('a log-in')
      .withRequest('POST', '/api/auth/login', (b) =>
        b.headers(rest.json).jsonBody({ email: 'ann@example.com', password: 'correct horse' }),
      )
      .willRespondWith(200, (b) =>
        b.headers({ 'Content-Type': jsonContentType }).jsonBody(authResponse('ann@example.com')),
      )
      .executeTest(async (mock) => {
        const session = await new SpaClient(mock.url).login({
          email: 'ann@example.com',
          password: 'correct horse',
        });
        expect(session.expiresAt).toMatch(/^\d{4}-/);
      });
  });

  it('creates a task with an idempotency key', async () => {
    await pact
      .addInteraction()
      .given('a signed-in user')
      .uponReceiving('a task creation')
      .withRequest('POST', '/api/tasks', (b) =>
        b.headers({ ...auth, ...rest.json, 'Idempotency-Key': regex('^.{1,200}$', UUID_EXAMPLE) }).jsonBody({
          title: 'Pay rent',
          dueAt: '2026-12-01T09:00:00+01:00',
          timezone: 'Europe/Paris',
          priority: 'high',
          tags: ['home'],
          reminders: [{ minutesBefore: 30 }],
        }),
      )
      .willRespondWith(201, (b) =>
        b.headers({ 'Content-Type': jsonContentType, ETag: etag() }).jsonBody(rest.writeResult(1)),
      )
      .executeTest(async (mock) => {
        const result = await signedIn(mock.url).create(
          {
            title: 'Pay rent',
            dueAt: '2026-12-01T09:00:00+01:00',
            timezone: 'Europe/Paris',
            priority: 'high',
            tags: ['home'],
            reminders: [{ minutesBefore: 30 }],
          },
          UUID_EXAMPLE,
        );
        expect(result).toEqual({ id: UUID_EXAMPLE, version: 1 });
      });
  });

  it('creates a list with an idempotency key', async () => {
    await pact
      .addInteraction()
      .given('a signed-in user')
      .uponReceiving('a list creation')
      .withRequest('POST', '/api/lists', (b) =>
        b
          .headers({ ...auth, ...rest.json, 'Idempotency-Key': regex('^.{1,200}$', UUID_EXAMPLE) })
          .jsonBody({ name: 'Work', order: 0 }),
      )
      .willRespondWith(201, (b) =>
        b.headers({ 'Content-Type': jsonContentType, ETag: etag() }).jsonBody(rest.writeResult(1)),
      )
      .executeTest(async (mock) => {
        const result = await signedIn(mock.url).createList({ name: 'Work', order: 0 }, UUID_EXAMPLE);
        expect(result).toEqual({ id: UUID_EXAMPLE, version: 1 });
      });
  });

  it('reads the user’s lists, archived ones too', async () => {
    await pact
      .addInteraction()
      .given('a signed-in user with a list')
      .uponReceiving('the user’s lists')
      .withRequest('GET', '/api/lists', (b) => b.headers(auth).query({ archived: 'true' }))
      .willRespondWith(200, (b) =>
        b.headers({ 'Content-Type': jsonContentType }).jsonBody({
          items: eachLike({
            id: uuid(UUID_EXAMPLE),
            name: like('Work'),
            colour: regex('^#[0-9a-f]{6}$', '#db4035'),
            order: integer(1),
            archived: boolean(false),
            createdAt: isoInstant(),
            updatedAt: isoInstant(),
            version: integer(1),
          }),
        }),
      )
      .executeTest(async (mock) => {
        const lists = await signedIn(mock.url).lists(true);
        expect(lists.items[0]?.name).toBe('Work');
      });
  });

  it('lists open tasks', async () => {
    await pact
      .addInteraction()
      .given('a signed-in user with a task')
      .uponReceiving('a list of open tasks with a tag, due from a date, by due date')
      .withRequest('GET', '/api/tasks', (b) =>
        b.headers(auth).query({ ...LIST_QUERY, limit: String(LIST_QUERY.limit) }),
      )
      .willRespondWith(200, (b) =>
        b
          .headers({ 'Content-Type': jsonContentType })
          .jsonBody({ items: eachLike(taskView()), nextCursor: nullValue() }),
      )
      .executeTest(async (mock) => {
        const list = await signedIn(mock.url).list(LIST_QUERY);
        expect(list.items[0]?.title).toBe('Pay rent');
        expect(list.nextCursor).toBeNull();
      });
  });

  it('gets one task with its version as ETag', async () => {
    await rest.readTask(pact, 'a request for one task', { ETag: etag() }).executeTest(async (mock) => {
      const client = signedIn(mock.url);
      const task = await client.get(UUID_EXAMPLE);
      expect(task.version).toBe(1);
      expect(client.lastHeaders.get('etag')).toBe(`"${task.version}"`);
    });
  });

  it('updates a task at the version it last saw', async () => {
    await pact
      .addInteraction()
      .given('a signed-in user with a task')
      .uponReceiving('an update with If-Match the current version')
      .withRequest('PATCH', rest.taskPath(), (b) =>
        b
          .headers({ ...auth, ...rest.json, 'If-Match': fromProviderState('"${version}"', '"1"') })
          .jsonBody({ priority: 'low' }),
      )
      .willRespondWith(200, (b) =>
        b.headers({ 'Content-Type': jsonContentType, ETag: etag('"2"') }).jsonBody(rest.writeResult(2)),
      )
      .executeTest(async (mock) => {
        const result = await signedIn(mock.url).update(UUID_EXAMPLE, { priority: 'low' }, 1);
        expect(result.version).toBe(2);
      });
  });

  it('is told with 412 when the task moved on since it was read', async () => {
    await pact
      .addInteraction()
      .given('a signed-in user with a task changed since version 1')
      .uponReceiving('an update with a stale If-Match')
      .withRequest('PATCH', rest.taskPath(), (b) =>
        b.headers({ ...auth, ...rest.json, 'If-Match': '"1"' }).jsonBody({ title: 'Pay the rent' }),
      )
      .willRespondWith(412, (b) =>
        b.headers({ 'Content-Type': problemContentType }).jsonBody(rest.problem(412)),
      )
      .executeTest(async (mock) => {
        const error = await signedIn(mock.url)
          .update(UUID_EXAMPLE, { title: 'Pay the rent' }, 1)
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(HttpError);
        expect((error as HttpError).status).toBe(412);
      });
  });

  it('completes a task', async () => {
    await rest.completeTask(pact, 'a completion').executeTest(async (mock) => {
      const result = await signedIn(mock.url).complete(UUID_EXAMPLE);
      expect(result.version).toBe(2);
    });
  });

  it('reopens a completed task', async () => {
    await rest.reopenTask(pact, 'a reopening').executeTest(async (mock) => {
      const result = await signedIn(mock.url).reopen(UUID_EXAMPLE);
      expect(result.version).toBe(3);
    });
  });

  it('snoozes a reminder from its toast', async () => {
    await rest
      .snoozeReminder(pact, 'a reminder snooze')
      // The SPA reads nothing from the answer; that it succeeds is the contract.
      .willRespondWith(200)
      .executeTest(async (mock) => {
        await expect(signedIn(mock.url).snooze(UUID_EXAMPLE, 'r1', 10)).resolves.toBeDefined();
      });
  });

  it('deletes a task', async () => {
    await rest.deleteTask(pact, 'a deletion').executeTest(async (mock) => {
      await expect(signedIn(mock.url).delete(UUID_EXAMPLE)).resolves.toBeNull();
    });
  });

  it('reads a task’s history', async () => {
    await rest.readHistory(pact, 'a request for a task’s history').executeTest(async (mock) => {
      const items = await signedIn(mock.url).history(UUID_EXAMPLE);
      expect(items[0]?.type).toBe('todo.task.created.v1');
    });
  });

  it('gets a 400 problem naming the offending field', async () => {
    await rest
      .createWithoutOffset(pact, 'a task creation with a due date without an offset', {
        'Idempotency-Key': like(UUID_EXAMPLE),
      })
      .executeTest(async (mock) => {
        const error = await signedIn(mock.url)
          .create({ title: 'Pay rent', dueAt: '2026-12-01 09:00' }, UUID_EXAMPLE)
          .catch((e: unknown) => e);
        expect(Object.keys(problemFields(error))).toEqual(['dueAt']);
      });
  });

  it('gets a 404 problem for a task that does not exist', async () => {
    await rest.readUnknownTask(pact, 'a request for an unknown task').executeTest(async (mock) => {
      const error = await signedIn(mock.url)
        .get(rest.UNKNOWN_TASK)
        .catch((e: unknown) => e);
      expect((error as HttpError).status).toBe(404);
    });
  });

  it('previews what quick-add understood', async () => {
    await pact
      .addInteraction()
      .given('a signed-in user')
      .uponReceiving('a natural-language parse')
      .withRequest('POST', '/api/nl/parse', (b) =>
        b.headers({ ...auth, ...rest.json }).jsonBody({
          text: 'Pay rent tomorrow at 9am @home',
          now: '2026-03-01T10:00:00Z',
          timezone: 'Europe/Paris',
        }),
      )
      .willRespondWith(200, (b) =>
        b.headers({ 'Content-Type': jsonContentType }).jsonBody({
          text: like('Pay rent tomorrow at 9am @home'),
          intent: 'create_task',
          task: {
            title: like('Pay rent'),
            dueAt: isoInstant('2026-03-02T09:00:00+01:00'),
            tags: eachLike('home'),
          },
          spans: eachLike({
            field: like('dueAt'),
            start: integer(9),
            end: integer(24),
            text: like('tomorrow at 9am'),
          }),
          now: isoInstant(),
          timezone: like('Europe/Paris'),
        }),
      )
      .executeTest(async (mock) => {
        const parsed = await signedIn(mock.url).parse({
          text: 'Pay rent tomorrow at 9am @home',
          now: '2026-03-01T10:00:00Z',
          timezone: 'Europe/Paris',
        });
        expect(parsed.intent).toBe('create_task');
        expect(parsed.task?.title).toBe('Pay rent');
      });
  });

  it('talks to the chatbot', async () => {
    await pact
      .addInteraction()
      .given('a signed-in user')
      .uponReceiving('a chat message that adds a task')
      .withRequest('POST', '/api/chat', (b) =>
        b.headers({ ...auth, ...rest.json }).jsonBody({ message: 'add buy milk tomorrow' }),
      )
      .willRespondWith(200, (b) =>
        b.headers({ 'Content-Type': jsonContentType }).jsonBody({
          conversationId: uuid(),
          reply: like('Added “buy milk”, due tomorrow.'),
          actions: eachLike({
            kind: 'created',
            taskId: uuid(),
            title: like('buy milk'),
            version: integer(1),
          }),
        }),
      )
      .executeTest(async (mock) => {
        const answer = await signedIn(mock.url).chat({ message: 'add buy milk tomorrow' });
        expect(answer.actions[0]?.kind).toBe('created');
        expect(answer.reply.length).toBeGreaterThan(0);
      });
  });

  it('reopens the latest conversation with its messages', async () => {
    const conversationPath = fromProviderState(
      '/api/chat/conversations/${conversationId}/messages',
      `/api/chat/conversations/${UUID_EXAMPLE}/messages`,
    );
    await pact
      .addInteraction()
      .given('a signed-in user who has chatted')
      .uponReceiving('a list of conversations')
      .withRequest('GET', '/api/chat/conversations', (b) => b.headers(auth))
      .willRespondWith(200, (b) =>
        b.headers({ 'Content-Type': jsonContentType }).jsonBody({
          items: eachLike({
            id: uuid(UUID_EXAMPLE),
            title: like('add buy milk'),
            createdAt: isoInstant(),
            updatedAt: isoInstant(),
          }),
        }),
      )
      .executeTest(async (mock) => {
        const [latest] = await signedIn(mock.url).conversations();
        expect(latest?.id).toBe(UUID_EXAMPLE);
      });
    await pact
      .addInteraction()
      .given('a signed-in user who has chatted')
      .uponReceiving('the messages of a conversation')
      .withRequest('GET', conversationPath, (b) => b.headers(auth))
      .willRespondWith(200, (b) =>
        b.headers({ 'Content-Type': jsonContentType }).jsonBody({
          items: eachLike({
            id: like(UUID_EXAMPLE),
            role: regex('^(user|assistant)$', 'user'),
            text: like('add buy milk'),
            // The user's own messages have no actions; the assistant's name what it did.
            actions: atLeastLike(
              {
                kind: regex('^[a-z]+$', 'created'),
                taskId: uuid(),
                title: like('buy milk'),
                version: integer(1),
              },
              0,
              1,
            ),
            createdAt: isoInstant(),
          }),
        }),
      )
      .executeTest(async (mock) => {
        const messages = await signedIn(mock.url).messages(UUID_EXAMPLE);
        expect(messages[0]).toMatchObject({ role: 'user', text: 'add buy milk' });
      });
  });
});
