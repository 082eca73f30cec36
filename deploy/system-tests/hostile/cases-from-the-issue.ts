import { SYSTEM_TEST_JWT_SECRET } from '../harness/standalone.ts';
import { serverTime } from '../harness/api.ts';
import { signJwt } from '../harness/jwt.ts';
import type { HostileContext } from './context.ts';
import {
  answerClean,
  chat,
  create,
  createRaw,
  get,
  recurringThenComplete,
  textsClean,
  type HostileCase,
} from './steps.ts';

const NUL = 'a\u0000b';
const LONE_SURROGATE = 'a\ud800b';
const HOURLY_NEVER =
  'FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30,31;' +
  `BYHOUR=${Array.from({ length: 24 }, (_, h) => h).join(',')};` +
  `BYMINUTE=${Array.from({ length: 60 }, (_, m) => m).join(',')}`;

/** The server's "now" in JWT seconds (its clock, not the test's). */
export async function serverSeconds(ctx: HostileContext): Promise<number> {
  return Math.floor(serverTime(await ctx.api('GET', '/readyz')).getTime() / 1000);
}

/** A token the server would never issue: signed with its key, with the claims `claims` gives. */
export const withToken =
  (method: string, path: string, claims: (now: number) => Record<string, unknown>) =>
  async (ctx: HostileContext) => {
    const token = signJwt(
      {
        sub: ctx.hostile.userId,
        email: ctx.hostile.email,
        iss: 'todo-system',
        aud: 'todo-api',
        ...claims(await serverSeconds(ctx)),
      },
      SYSTEM_TEST_JWT_SECRET,
    );
    return ctx.api(method, path, { token });
  };

/** Every input issue 10 names, with the answer each must get. */
export const casesFromTheIssue: HostileCase[] = [
  {
    name: 'dueAt 0001-01-01T00:00:00+14:00 (year 0 in UTC)',
    send: create({ title: 'p', dueAt: '0001-01-01T00:00:00+14:00' }),
    expect: { refused: ['dueAt'], statuses: [400] },
  },
  {
    name: 'dueAt 9999-12-31T23:59:59-14:00 (year 10000 in UTC)',
    send: create({ title: 'p', dueAt: '9999-12-31T23:59:59-14:00' }),
    expect: { refused: ['dueAt'], statuses: [400] },
  },
  {
    name: 'GET /api/tasks?dueFrom=9999-12-31T23:59:59-14:00',
    send: get(`/api/tasks?dueFrom=${encodeURIComponent('9999-12-31T23:59:59-14:00')}`),
    expect: { refused: ['dueFrom'], statuses: [400] },
  },
  {
    name: 'rrule FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31 (never occurs), then complete',
    send: recurringThenComplete('FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31'),
    expect: { refused: ['recurrence.rrule'], statuses: [422] },
  },
  {
    name: 'rrule HOURLY;BYMONTH=2;BYMONTHDAY=30,31 with every BYHOUR and BYMINUTE, then complete',
    send: recurringThenComplete(HOURLY_NEVER),
    expect: { refused: ['recurrence.rrule'], statuses: [422] },
  },
  ...(['title', 'description'] as const).flatMap((field) => [
    {
      name: `NUL in ${field}`,
      send: create({ title: 't', [field]: NUL }),
      expect: { refusedOrCleaned: [field], clean: textsClean },
    },
    {
      name: `unpaired surrogate in ${field}`,
      send: create({ title: 't', [field]: LONE_SURROGATE }),
      expect: { refusedOrCleaned: [field], clean: textsClean },
    },
  ]),
  {
    name: 'NUL in a tag',
    send: create({ title: 't', tags: [NUL] }),
    expect: { refusedOrCleaned: ['tags'], clean: textsClean },
  },
  {
    name: 'unpaired surrogate in a tag',
    send: create({ title: 't', tags: [LONE_SURROGATE] }),
    expect: { refusedOrCleaned: ['tags'], clean: textsClean },
  },
  {
    name: 'NUL in a chat message ("add a\\u0000b tomorrow")',
    send: chat('add a\u0000b tomorrow'),
    expect: { refusedOrCleaned: ['message'], clean: answerClean },
  },
  {
    name: 'unpaired surrogate in a chat message',
    send: chat('add a\ud800b tomorrow'),
    expect: { refusedOrCleaned: ['message'], clean: answerClean },
  },
  {
    name: 'audit cursor 9223372036854775808 (past bigint)',
    send: get('/api/audit?cursor=9223372036854775808'),
    expect: { refused: ['cursor'], statuses: [400] },
  },
  {
    name: 'a well-formed base64 list cursor whose sort value is not a date',
    send: get(
      `/api/tasks?sort=due&cursor=${Buffer.from(JSON.stringify(['not a date', '00000000-0000-4000-8000-000000000000'])).toString('base64url')}`,
    ),
    expect: { refused: ['cursor'], statuses: [400] },
  },
  {
    name: 'invalid UTF-8 bytes in a JSON body',
    send: createRaw(
      Buffer.concat([Buffer.from('{"title":"a'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('b"}')]),
      'application/json',
    ),
    expect: { refused: ['body'], statuses: [400, 415] },
  },
  {
    name: 'a body sent as charset=utf-16',
    send: createRaw(
      Buffer.from(JSON.stringify({ title: 'utf-16' }), 'utf16le'),
      'application/json; charset=utf-16',
    ),
    expect: { refused: ['body', 'content-type'], statuses: [400, 415] },
  },
  {
    name: 'a JWT without exp, signed with the right key',
    send: withToken('GET', '/api/me', (now) => ({ iat: now })),
    expect: { refused: [], statuses: [401] },
  },
  {
    name: 'a JWT without exp, signed with the right key, refreshed',
    send: withToken('POST', '/api/auth/refresh', (now) => ({ iat: now })),
    expect: { refused: [], statuses: [401] },
  },
];
