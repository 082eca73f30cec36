import { withToken } from './cases-from-the-issue.ts';
import type { HostileContext } from './context.ts';
import {
  answerClean,
  as,
  chat,
  create,
  createRaw,
  get,
  ownTask,
  patchOwn,
  recurringThenComplete,
  storedTask,
  type HostileCase,
} from './steps.ts';
import { upgradeAnswer } from './upgrade-answer.ts';

const YEAR_ZERO = '0001-01-01T00:00:00+14:00';
const YEAR_10000 = '9999-12-31T23:59:59-14:00';
const q = encodeURIComponent;
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const WEIRD_TITLE =
  '\u202Egnp.exe \u{1F468}\u200D\u{1F469}\u200D\u{1F467} Z\u0334\u031B\u0353a\u0337 \uFB01 \u{1D54F} e\u0301';

const roundTrips =
  (title: string) => async (ctx: HostileContext, answer: Parameters<typeof storedTask>[1]) => {
    const task = await storedTask(ctx, answer);
    return task.title === title ? null : `stored ${JSON.stringify(task.title)}`;
  };

/** More of the same kinds, found by thinking like the fuzzer: each must be refused (or served) cleanly. */
export const casesOfOurOwn: HostileCase[] = [
  // Instants at the edges, everywhere an instant enters.
  {
    name: 'reminder at year 0 in UTC',
    send: create({ title: 'r', reminders: [{ at: YEAR_ZERO }] }),
    expect: { refused: ['reminders'], statuses: [400] },
  },
  {
    name: 'PATCH dueAt to year 10000 in UTC',
    send: patchOwn({ dueAt: YEAR_10000 }),
    expect: { refused: ['dueAt'], statuses: [400] },
  },
  {
    name: 'GET /api/tasks?dueTo at year 0 in UTC',
    send: get(`/api/tasks?dueTo=${q(YEAR_ZERO)}`),
    expect: { refused: ['dueTo'], statuses: [400] },
  },
  {
    name: 'dueAt without an offset',
    send: create({ title: 't', dueAt: '2026-01-01T00:00:00' }),
    expect: { refused: ['dueAt'], statuses: [400] },
  },
  {
    name: 'dueAt on 30 February',
    send: create({ title: 't', dueAt: '2026-02-30T00:00:00Z' }),
    expect: { refused: ['dueAt'], statuses: [400] },
  },
  // Rules that never occur, set by other routes.
  {
    name: 'PUT recurrence FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31 on a due task',
    send: async (ctx) =>
      as(
        ctx,
        'PUT',
        `/api/tasks/${await ownTask(ctx, { title: 'due', dueAt: '2027-01-04T09:00:00Z', timezone: 'UTC' })}/recurrence`,
        {
          json: { rrule: 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31' },
        },
      ),
    expect: { refused: ['rrule'], statuses: [422] },
  },
  {
    name: 'rrule FREQ=YEARLY;BYMONTH=2;BYYEARDAY=366 (never occurs), then complete',
    send: recurringThenComplete('FREQ=YEARLY;BYMONTH=2;BYYEARDAY=366'),
    expect: { refused: ['recurrence.rrule'], statuses: [422] },
  },
  // Cursors.
  {
    name: 'list cursor whose id is not a UUID',
    send: get(`/api/tasks?sort=created&cursor=${b64(['2026-01-01T00:00:00.000Z', 'x'])}`),
    expect: { refused: ['cursor'], statuses: [400] },
  },
  {
    name: 'list cursor that is not base64 JSON',
    send: get('/api/tasks?cursor=!!!'),
    expect: { refused: ['cursor'], statuses: [400] },
  },
  {
    name: 'list cursor of the wrong shape',
    send: get(`/api/tasks?sort=priority&cursor=${b64({ key: 1 })}`),
    expect: { refused: ['cursor'], statuses: [400] },
  },
  {
    name: 'audit cursor -1',
    send: get('/api/audit?cursor=-1'),
    expect: { refused: ['cursor'], statuses: [400] },
  },
  // Tokens the server would never issue.
  {
    name: 'a JWT without iat',
    send: withToken('GET', '/api/me', (now) => ({ exp: now + 600 })),
    expect: { refused: [], statuses: [401] },
  },
  {
    name: 'a JWT valid for a hundred years',
    send: withToken('GET', '/api/me', (now) => ({ iat: now, exp: now + 100 * 365 * 86_400 })),
    expect: { refused: [], statuses: [401] },
  },
  // Size and shape of bodies.
  {
    name: 'a 2 MB body',
    send: create({ title: 'x'.repeat(2 * 1024 * 1024) }),
    expect: { refused: ['body'], statuses: [413] },
  },
  {
    name: 'JSON nested 100,000 deep',
    send: createRaw(`{"title":"deep","tags":${deepArray(100_000)}}`, 'application/json'),
    expect: { refused: ['body', 'tags'], statuses: [400, 413] },
  },
  {
    name: 'title of 501 characters',
    send: create({ title: 't'.repeat(501) }),
    expect: { refused: ['title'], statuses: [400] },
  },
  {
    name: 'description of 10,001 characters',
    send: create({ title: 't', description: 'd'.repeat(10_001) }),
    expect: { refused: ['description'], statuses: [400] },
  },
  {
    name: '21 tags',
    send: create({ title: 't', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }),
    expect: { refused: ['tags'], statuses: [400] },
  },
  {
    name: 'a tag of 41 characters',
    send: create({ title: 't', tags: ['t'.repeat(41)] }),
    expect: { refused: ['tags'], statuses: [400] },
  },
  {
    name: '11 reminders',
    send: create({
      title: 't',
      dueAt: '2030-01-01T00:00:00Z',
      reminders: Array.from({ length: 11 }, (_, i) => ({ minutesBefore: i })),
    }),
    expect: { refused: ['reminders'], statuses: [400] },
  },
  {
    name: 'a search of 201 characters',
    send: get(`/api/tasks?q=${'q'.repeat(201)}`),
    expect: { refused: ['q'], statuses: [400] },
  },
  {
    name: 'an unknown field (userId) in a create',
    send: create({ title: 't', userId: '00000000-0000-4000-8000-000000000000' }),
    expect: { refused: ['userId'], statuses: [400] },
  },
  {
    name: 'a __proto__ key in a create',
    send: createRaw('{"title":"t","__proto__":{"admin":true}}', 'application/json'),
    expect: { refused: ['body', '__proto__'], statuses: [400] },
  },
  // Wrong types.
  {
    name: 'title as a number',
    send: create({ title: 123 }),
    expect: { refused: ['title'], statuses: [400] },
  },
  {
    name: 'tags as a string',
    send: create({ title: 't', tags: 'a' }),
    expect: { refused: ['tags'], statuses: [400] },
  },
  {
    name: 'dueAt as a number',
    send: create({ title: 't', dueAt: 12345 }),
    expect: { refused: ['dueAt'], statuses: [400] },
  },
  {
    name: 'priority "urgent"',
    send: create({ title: 't', priority: 'urgent' }),
    expect: { refused: ['priority'], statuses: [400] },
  },
  {
    name: 'a reminder minutesBefore -1',
    send: create({ title: 't', dueAt: '2030-01-01T00:00:00Z', reminders: [{ minutesBefore: -1 }] }),
    expect: { refused: ['reminders'], statuses: [400] },
  },
  {
    name: 'a body that is JSON null',
    send: createRaw('null', 'application/json'),
    expect: { refused: ['body'], statuses: [400] },
  },
  {
    name: 'a body that is a JSON array',
    send: createRaw('[]', 'application/json'),
    expect: { refused: ['body'], statuses: [400] },
  },
  {
    name: 'malformed JSON',
    send: createRaw('{"title":', 'application/json'),
    expect: { refused: ['body'], statuses: [400] },
  },
  {
    name: 'a text/plain body',
    send: createRaw('title=t', 'text/plain'),
    expect: { refused: ['body'], statuses: [400, 415] },
  },
  { name: 'limit=abc', send: get('/api/tasks?limit=abc'), expect: { refused: ['limit'], statuses: [400] } },
  { name: 'limit=0', send: get('/api/tasks?limit=0'), expect: { refused: ['limit'], statuses: [400] } },
  {
    name: 'status=bogus',
    send: get('/api/tasks?status=bogus'),
    expect: { refused: ['status'], statuses: [400] },
  },
  {
    name: 'timezone Mars/Olympus_Mons',
    send: create({ title: 't', timezone: 'Mars/Olympus_Mons' }),
    expect: { refused: ['timezone'], statuses: [400] },
  },
  {
    name: 'a task id that is not a UUID',
    send: get('/api/tasks/not-a-uuid'),
    expect: { refused: ['id'], statuses: [400] },
  },
  {
    name: 'a task id that is %00',
    send: get('/api/tasks/%00'),
    expect: { refused: ['id'], statuses: [400] },
  },
  {
    name: 'If-Match that is not a version',
    send: async (ctx) =>
      as(ctx, 'POST', `/api/tasks/${await ownTask(ctx)}/complete`, { headers: { 'if-match': '"abc"' } }),
    expect: { refused: ['If-Match'], statuses: [400] },
  },
  {
    name: 'an Idempotency-Key of 2,000 characters',
    send: (ctx) =>
      as(ctx, 'POST', '/api/tasks', {
        json: { title: 't' },
        headers: { 'idempotency-key': 'k'.repeat(2000) },
      }),
    expect: { answered: true },
  },
  // Streams.
  {
    name: 'SSE Last-Event-ID "abc"',
    send: (ctx) => as(ctx, 'GET', '/api/stream', { headers: { 'last-event-id': 'abc' } }),
    expect: { refused: [], statuses: [400] },
  },
  {
    name: 'SSE after= a 40-digit position',
    send: get(`/api/stream?after=${'9'.repeat(40)}`),
    expect: { refused: ['after'], statuses: [400] },
  },
  {
    name: 'WebSocket after=-1',
    send: async (ctx) => {
      const ticket = (await as(ctx, 'POST', '/api/realtime/ticket')).body as { ticket: string };
      return upgradeAnswer(ctx.baseUrl, `/ws?ticket=${q(ticket.ticket)}&after=-1`);
    },
    expect: { refused: [], statuses: [400] },
  },
  // Chat, NL and the other bodies.
  {
    name: 'a chat message of 2,001 characters',
    send: chat('m'.repeat(2001)),
    expect: { refused: ['message'], statuses: [400] },
  },
  {
    name: 'a chat conversationId that is not a UUID',
    send: (ctx) => as(ctx, 'POST', '/api/chat', { json: { message: 'hi', conversationId: 'nope' } }),
    expect: { refused: ['conversationId'], statuses: [400] },
  },
  {
    name: 'NL parse of 2,000 characters of repeated rules',
    send: (ctx) => as(ctx, 'POST', '/api/nl/parse', { json: { text: 'every day at 9 '.repeat(133) } }),
    expect: { answered: true },
  },
  {
    name: 'a chat message that is all right-to-left overrides and emoji',
    send: chat('\u202E'.repeat(50) + '\u{1F600}'.repeat(100)),
    expect: { accepted: true, check: answerClean },
  },
  {
    name: 'a webhook URL file:///etc/passwd',
    send: (ctx) => as(ctx, 'PUT', '/api/webhook', { json: { url: 'file:///etc/passwd' } }),
    expect: { refused: ['url'], statuses: [400] },
  },
  {
    name: 'snooze for 0 minutes',
    send: async (ctx) =>
      as(
        ctx,
        'POST',
        `/api/tasks/${await ownTask(ctx, { title: 's', dueAt: '2030-01-01T00:00:00Z', reminders: [{ id: 'r1', minutesBefore: 5 }] })}/reminders/r1/snooze`,
        {
          json: { minutes: 0 },
        },
      ),
    expect: { refused: ['minutes'], statuses: [400] },
  },
  {
    name: 'sign-up with a NUL in the email',
    send: (ctx) =>
      ctx.api('POST', '/api/auth/signup', {
        json: { email: 'a\u0000b@example.com', password: 'correct horse' },
      }),
    expect: { refused: ['email'], statuses: [400] },
  },
  {
    name: 'sign-up with a password of 257 characters',
    send: (ctx) =>
      ctx.api('POST', '/api/auth/signup', {
        json: { email: `long-${Date.now()}@example.com`, password: 'p'.repeat(257) },
      }),
    expect: { refused: ['password'], statuses: [400] },
  },
  {
    name: 'PATCH /api/me with a NUL in the time zone',
    send: (ctx) => as(ctx, 'PATCH', '/api/me', { json: { timezone: 'Europe/Par\u0000is' } }),
    expect: { refused: ['timezone'], statuses: [400] },
  },
  {
    name: 'a search with a NUL',
    send: get(`/api/tasks?q=${q('a\u0000b')}`),
    expect: { refusedOrCleaned: ['q'], clean: answerClean },
  },
  {
    name: 'a tag filter with a NUL',
    send: get(`/api/tasks?tag=${q('a\u0000b')}`),
    expect: { refusedOrCleaned: ['tag'], clean: answerClean },
  },
  {
    name: 'a search made of tsquery operators',
    send: get(`/api/tasks?q=${q("a & | ! ( ) :* \\ ' <-> !!")}`),
    expect: { accepted: true },
  },
  // Weird but valid Unicode is kept as sent.
  {
    name: 'a title of bidi overrides, ZWJ emoji, combining marks and astral letters',
    send: create({ title: WEIRD_TITLE }),
    expect: { accepted: true, check: roundTrips(WEIRD_TITLE) },
  },
  {
    name: 'an emoji tag',
    send: create({ title: 't', tags: ['\u{1F3F7}\uFE0F'] }),
    expect: { accepted: true },
  },
];
