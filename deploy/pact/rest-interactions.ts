import { MatchersV3, type PactV4 } from '@pact-foundation/pact';
import {
  UUID_EXAMPLE,
  auth,
  decimalString,
  isoInstant,
  jsonContentType,
  problemContentType,
  taskView,
} from './matchers.ts';

const { eachLike, fromProviderState, integer, like, nullValue, regex, uuid } = MatchersV3;

/**
 * The REST interactions both consumers of the REST API, the SPA and the MCP server, have
 * with it alike: the same provider state, request and answer, under each consumer's own
 * description (pact files are per consumer). A consumer test finishes one with its own
 * `executeTest`, through its own client. What only one consumer asks (or asks otherwise)
 * stays in its test file.
 */
type Unconfigured = ReturnType<PactV4['addInteraction']>;
type WithRequest = ReturnType<Unconfigured['withRequest']>;
type WithResponse = ReturnType<WithRequest['willRespondWith']>;

export const json = { 'Content-Type': 'application/json' };

/** A task's path (or one below it) with the id of the task the provider state made. */
export const taskPath = (suffix = '') =>
  fromProviderState(`/api/tasks/\${taskId}${suffix}`, `/api/tasks/${UUID_EXAMPLE}${suffix}`);

/** The answer of every write: the resource's id and its new version. */
export const writeResult = (version = 1) => ({ id: uuid(UUID_EXAMPLE), version: integer(version) });

export const problem = (status: number, extra: Record<string, unknown> = {}) => ({
  type: like('about:blank'),
  title: like('Not Found'),
  status: integer(status),
  ...extra,
});

const WITH_TASK = 'a signed-in user with a task';
export const UNKNOWN_TASK = '00000000-0000-4000-8000-000000000000';

const start = (pact: PactV4, state: string, description: string): Unconfigured =>
  pact.addInteraction().given(state).uponReceiving(description);

type ResponseBuilder = NonNullable<Parameters<WithRequest['willRespondWith']>[1]>;

/** A JSON answer's headers and body. */
const jsonAnswer =
  (body: unknown, headers: Record<string, unknown> = {}): ResponseBuilder =>
  (b) =>
    b.headers({ 'Content-Type': jsonContentType, ...headers }).jsonBody(body);

/** GET /api/tasks/{id}: the task view (with the extra headers a consumer relies on, e.g. its ETag). */
export const readTask = (
  pact: PactV4,
  description: string,
  headers: Record<string, unknown> = {},
): WithResponse =>
  start(pact, WITH_TASK, description)
    .withRequest('GET', taskPath(), (b) => b.headers(auth))
    .willRespondWith(200, jsonAnswer(taskView(), headers));

/** POST /api/tasks/{id}/complete without If-Match: version 2. */
export const completeTask = (pact: PactV4, description: string): WithResponse =>
  start(pact, WITH_TASK, description)
    .withRequest('POST', taskPath('/complete'), (b) => b.headers({ ...auth, ...json }).jsonBody({}))
    .willRespondWith(200, jsonAnswer(writeResult(2)));

/** POST /api/tasks/{id}/reopen of a completed task: version 3. */
export const reopenTask = (pact: PactV4, description: string): WithResponse =>
  start(pact, 'a signed-in user with a completed task', description)
    .withRequest('POST', taskPath('/reopen'), (b) => b.headers({ ...auth, ...json }).jsonBody({}))
    .willRespondWith(200, jsonAnswer(writeResult(3)));

/** DELETE /api/tasks/{id}: 204, no body. */
export const deleteTask = (pact: PactV4, description: string): WithResponse =>
  start(pact, WITH_TASK, description)
    .withRequest('DELETE', taskPath(), (b) => b.headers(auth))
    .willRespondWith(204);

/**
 * POST …/reminders/{reminderId}/snooze for ten minutes; the answer is the consumer's to say
 * (the SPA reads nothing from it, the MCP server its version).
 */
export const snoozeReminder = (pact: PactV4, description: string): WithRequest =>
  start(pact, WITH_TASK, description).withRequest(
    'POST',
    fromProviderState(
      '/api/tasks/${taskId}/reminders/${reminderId}/snooze',
      `/api/tasks/${UUID_EXAMPLE}/reminders/r1/snooze`,
    ),
    (b) => b.headers({ ...auth, ...json }).jsonBody({ minutes: 10 }),
  );

/** GET /api/tasks/{id}/history: its events, oldest first. */
export const readHistory = (pact: PactV4, description: string): WithResponse =>
  start(pact, WITH_TASK, description)
    .withRequest('GET', taskPath('/history'), (b) => b.headers(auth))
    .willRespondWith(
      200,
      jsonAnswer({
        items: eachLike({
          id: uuid(),
          taskId: uuid(UUID_EXAMPLE),
          type: regex('^todo\\.task\\.[a-z-]+\\.v\\d+$', 'todo.task.created.v1'),
          time: isoInstant(),
          version: integer(1),
          position: decimalString('1'),
          correlationId: like(UUID_EXAMPLE),
          causationId: nullValue(),
          data: like({ title: 'Pay rent' }),
        }),
      }),
    );

/** POST /api/tasks with a due date without an offset: a 400 problem naming `dueAt`. */
export const createWithoutOffset = (
  pact: PactV4,
  description: string,
  headers: Record<string, unknown> = {},
): WithResponse =>
  start(pact, 'a signed-in user', description)
    .withRequest('POST', '/api/tasks', (b) =>
      b.headers({ ...auth, ...json, ...headers }).jsonBody({ title: 'Pay rent', dueAt: '2026-12-01 09:00' }),
    )
    .willRespondWith(400, (b) =>
      b.headers({ 'Content-Type': problemContentType }).jsonBody(
        problem(400, {
          errors: eachLike({ field: 'dueAt', message: like('must be an ISO 8601 date-time with an offset') }),
        }),
      ),
    );

/** GET of a task nobody has (another user's answers exactly so): a 404 problem. */
export const readUnknownTask = (pact: PactV4, description: string): WithResponse =>
  start(pact, 'a signed-in user', description)
    .withRequest('GET', `/api/tasks/${UNKNOWN_TASK}`, (b) => b.headers(auth))
    .willRespondWith(404, (b) => b.headers({ 'Content-Type': problemContentType }).jsonBody(problem(404)));
