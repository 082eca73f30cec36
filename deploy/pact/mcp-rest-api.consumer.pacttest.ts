import { beforeAll, describe, expect, it } from '@jest/globals';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { ApiProblem, fetchTodoApi, type TodoApi } from '@todo/mcp';
import { MCP, PACT_DIR, REST_API, removePactFile } from './pact-files.ts';
import {
  TOKEN_EXAMPLE,
  UUID_EXAMPLE,
  auth,
  isoInstant,
  jsonContentType,
  problemContentType,
  taskView,
} from './matchers.ts';
import * as rest from './rest-interactions.ts';

const { eachLike, integer, like, nullValue, regex, uuid } = MatchersV3;

/**
 * What the MCP server (`@todo/mcp`) asks of the REST API and relies on in the answers: its
 * `fetchTodoApi` adapter, the one way its tools reach the command and query services (in a
 * cluster, through the gateway to two processes). The provider verification replays these
 * against the real system (`rest-api.provider.pacttest.ts`, the same provider states).
 */
const pact = new PactV4({ consumer: MCP, provider: REST_API, dir: PACT_DIR, logLevel: 'warn' });
const apiAt = (url: string): TodoApi =>
  fetchTodoApi({ baseUrl: url, authorization: `Bearer ${TOKEN_EXAMPLE}` });

beforeAll(() => removePactFile(MCP, REST_API));

describe('the MCP server against the REST API (consumer)', () => {
  it('reads who the caller is and their scopes (which tools a session lists)', async () => {
    await pact
      .addInteraction()
      .given('a signed-in user')
      .uponReceiving('the MCP server asking who the caller is')
      .withRequest('GET', '/api/me', (b) => b.headers(auth))
      .willRespondWith(200, (b) =>
        b.headers({ 'Content-Type': jsonContentType }).jsonBody({
          id: uuid(),
          email: like('ann@example.com'),
          timezone: like('UTC'),
          scopes: eachLike(regex('^tasks:(read|write)$', 'tasks:write')),
        }),
      )
      .executeTest(async (mock) => {
        expect((await apiAt(mock.url).me()).scopes).toEqual(['tasks:write']);
      });
  });

  it('has a line of plain English read by the NL engine (add_tasks text, reschedule_task when)', async () => {
    await pact
      .addInteraction()
      .given('a signed-in user')
      .uponReceiving('the MCP server parsing a new task')
      .withRequest('POST', '/api/nl/parse', (b) =>
        b.headers({ ...auth, ...rest.json }).jsonBody({ text: 'pay rent p1' }),
      )
      .willRespondWith(200, (b) =>
        b.headers({ 'Content-Type': jsonContentType }).jsonBody({
          text: like('pay rent p1'),
          intent: like('create_task'),
          task: { title: like('pay rent'), priority: regex('^(none|low|medium|high)$', 'high') },
          spans: eachLike({ field: like('priority'), start: integer(9), end: integer(11), text: like('p1') }),
          now: isoInstant(),
          timezone: like('UTC'),
        }),
      )
      .executeTest(async (mock) => {
        const parsed = await apiAt(mock.url).parse('pay rent p1');
        expect(parsed.task).toEqual({ title: 'pay rent', priority: 'high' });
      });
  });

  it('creates a task with an Idempotency-Key (add_tasks)', async () => {
    await pact
      .addInteraction()
      .given('a signed-in user')
      .uponReceiving('the MCP server creating a task')
      .withRequest('POST', '/api/tasks', (b) =>
        b
          .headers({ ...auth, ...rest.json, 'Idempotency-Key': like('call-1-1') })
          .jsonBody({ title: 'pay rent', priority: 'high', timezone: 'UTC' }),
      )
      .willRespondWith(201, (b) =>
        b.headers({ 'Content-Type': jsonContentType }).jsonBody(rest.writeResult(1)),
      )
      .executeTest(async (mock) => {
        const written = await apiAt(mock.url).create(
          { title: 'pay rent', priority: 'high', timezone: 'UTC' },
          'call-1-1',
        );
        expect(written).toEqual({ id: UUID_EXAMPLE, version: 1 });
      });
  });

  it('finds tasks by text (find_tasks)', async () => {
    await pact
      .addInteraction()
      .given('a signed-in user with a task')
      .uponReceiving('the MCP server searching the tasks')
      .withRequest('GET', '/api/tasks', (b) => b.headers(auth).query({ q: 'rent', status: 'open' }))
      .willRespondWith(200, (b) =>
        b
          .headers({ 'Content-Type': jsonContentType })
          .jsonBody({ items: eachLike(taskView()), nextCursor: nullValue() }),
      )
      .executeTest(async (mock) => {
        const list = await apiAt(mock.url).list({ q: 'rent', status: 'open' });
        expect('items' in list && list.items[0]?.id).toBe(UUID_EXAMPLE);
      });
  });

  it('asks for several lists at once with the filter language (overview)', async () => {
    const filter = 'overdue, today, due after: today & next 8 days';
    await pact
      .addInteraction()
      .given('a signed-in user with a task')
      .uponReceiving('the MCP server asking for the overview lists')
      .withRequest('GET', '/api/tasks', (b) =>
        b.headers(auth).query({ filter, limit: '200', sort: 'due', order: 'asc' }),
      )
      .willRespondWith(200, (b) =>
        b.headers({ 'Content-Type': jsonContentType }).jsonBody({
          groups: eachLike({ filter: like('overdue'), items: [], nextCursor: nullValue() }, 3),
        }),
      )
      .executeTest(async (mock) => {
        const list = await apiAt(mock.url).list({ filter, limit: 200, sort: 'due', order: 'asc' });
        expect('groups' in list && list.groups.length).toBe(3);
      });
  });

  it('reads a task after writing it (every writing tool answers with it)', async () => {
    await rest.readTask(pact, 'the MCP server reading a task').executeTest(async (mock) => {
      expect((await apiAt(mock.url).get(UUID_EXAMPLE)).title).toBe('Pay rent');
    });
  });

  it('updates a task at the version it read (update_task, reschedule_task with If-Match)', async () => {
    await pact
      .addInteraction()
      .given('a signed-in user with a task')
      .uponReceiving('the MCP server rescheduling a task at version 1')
      .withRequest('PATCH', rest.taskPath(), (b) =>
        b
          .headers({ ...auth, ...rest.json, 'If-Match': '"1"' })
          .jsonBody({ dueAt: '2026-12-02T09:00:00.000Z', allDay: false }),
      )
      .willRespondWith(200, (b) =>
        b.headers({ 'Content-Type': jsonContentType }).jsonBody(rest.writeResult(2)),
      )
      .executeTest(async (mock) => {
        const written = await apiAt(mock.url).update(
          UUID_EXAMPLE,
          { dueAt: '2026-12-02T09:00:00.000Z', allDay: false },
          { expectedVersion: 1 },
        );
        expect(written.version).toBe(2);
      });
  });

  it('is refused with 412 when the task moved on (the tool error says so)', async () => {
    await pact
      .addInteraction()
      .given('a signed-in user with a task changed since version 1')
      .uponReceiving('the MCP server completing a task at a stale version')
      .withRequest('POST', rest.taskPath('/complete'), (b) =>
        b.headers({ ...auth, ...rest.json, 'If-Match': '"1"' }).jsonBody({}),
      )
      .willRespondWith(412, (b) =>
        b.headers({ 'Content-Type': problemContentType }).jsonBody(rest.problem(412)),
      )
      .executeTest(async (mock) => {
        const error = await apiAt(mock.url)
          .complete(UUID_EXAMPLE, { expectedVersion: 1 })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ApiProblem);
        expect((error as ApiProblem).problem.status).toBe(412);
      });
  });

  it('completes, reopens and deletes a task', async () => {
    await rest.completeTask(pact, 'the MCP server completing a task').executeTest(async (mock) => {
      expect((await apiAt(mock.url).complete(UUID_EXAMPLE)).version).toBe(2);
    });
    await rest.reopenTask(pact, 'the MCP server reopening a task').executeTest(async (mock) => {
      expect((await apiAt(mock.url).reopen(UUID_EXAMPLE)).version).toBe(3);
    });
    await rest.deleteTask(pact, 'the MCP server deleting a task').executeTest(async (mock) => {
      await expect(apiAt(mock.url).remove(UUID_EXAMPLE)).resolves.toBeUndefined();
    });
  });

  it('snoozes a reminder (snooze_reminder)', async () => {
    await rest
      .snoozeReminder(pact, 'the MCP server snoozing a reminder')
      .willRespondWith(200, (b) =>
        b.headers({ 'Content-Type': jsonContentType }).jsonBody(rest.writeResult(2)),
      )
      .executeTest(async (mock) => {
        expect((await apiAt(mock.url).snooze(UUID_EXAMPLE, 'r1', 10)).version).toBe(2);
      });
  });

  it('reads the history of a task (task_history)', async () => {
    await rest.readHistory(pact, 'the MCP server reading a task history').executeTest(async (mock) => {
      const history = await apiAt(mock.url).history(UUID_EXAMPLE);
      expect(history.items[0]?.type).toBe('todo.task.created.v1');
    });
  });

  it('gets the 400 problem naming each field, which its tool errors repeat', async () => {
    await rest
      .createWithoutOffset(pact, 'the MCP server creating a task with a due date without an offset')
      .executeTest(async (mock) => {
        const error = await apiAt(mock.url)
          .create({ title: 'Pay rent', dueAt: '2026-12-01 09:00' })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ApiProblem);
        expect((error as ApiProblem).message).toContain(
          'dueAt: must be an ISO 8601 date-time with an offset',
        );
      });
  });

  it('gets a 404 problem for a task of no one (or of someone else)', async () => {
    await rest.readUnknownTask(pact, 'the MCP server reading an unknown task').executeTest(async (mock) => {
      const error = await apiAt(mock.url)
        .get(rest.UNKNOWN_TASK)
        .catch((e: unknown) => e);
      expect((error as ApiProblem).problem.status).toBe(404);
    });
  });
});
