import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Problem } from '@todo/contracts';
import { startTestSystem, type TestSystem } from '../testing/test-system.ts';

/** The 500s and wrong answers that fuzzing the OpenAPI document found (issue 10, §4 and §5). */
let t: TestSystem;
let alice: { token: string };
let taskId: string;

beforeAll(async () => {
  t = await startTestSystem();
  alice = await t.signup();
  const res = await t.api('/api/tasks', { method: 'POST', token: alice.token, json: { title: 'fixture' } });
  taskId = ((await res.json()) as { id: string }).id;
});
afterAll(async () => t.stop());

const expectProblem = async (res: Response, status: number, field: string) => {
  const text = await res.text();
  expect([res.status, text]).toEqual([status, expect.any(String)]);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const problem = JSON.parse(text) as Problem;
  expect(problem.status).toBe(status);
  expect((problem.errors ?? []).map((e) => e.field)).toContain(field);
};

const NUL = 'a\u0000b';
const LONE_SURROGATE = 'a\ud800b';
const CONTROL = 'a\u001b[31mb';

describe('text a user sends: NUL, unpaired surrogates and control characters', () => {
  // A lone surrogate has no UTF-8 form, so a URL cannot carry one: query cases try the others.
  const cases: { name: string; field: string; inUrl?: true; send: (bad: string) => Promise<Response> }[] = [
    {
      name: 'task title',
      field: 'title',
      send: (bad) => t.api('/api/tasks', { method: 'POST', token: alice.token, json: { title: bad } }),
    },
    {
      name: 'task description',
      field: 'description',
      send: (bad) =>
        t.api('/api/tasks', { method: 'POST', token: alice.token, json: { title: 'ok', description: bad } }),
    },
    {
      name: 'task tag',
      field: 'tags.1',
      send: (bad) =>
        t.api('/api/tasks', {
          method: 'POST',
          token: alice.token,
          json: { title: 'ok', tags: ['fine', bad] },
        }),
    },
    {
      name: 'changed title',
      field: 'title',
      send: (bad) =>
        t.api(`/api/tasks/${taskId}`, { method: 'PATCH', token: alice.token, json: { title: bad } }),
    },
    {
      name: 'changed description',
      field: 'description',
      send: (bad) =>
        t.api(`/api/tasks/${taskId}`, { method: 'PATCH', token: alice.token, json: { description: bad } }),
    },
    {
      name: 'changed tags',
      field: 'tags.0',
      send: (bad) =>
        t.api(`/api/tasks/${taskId}`, { method: 'PATCH', token: alice.token, json: { tags: [bad] } }),
    },
    {
      name: 'chat message',
      field: 'message',
      send: (bad) =>
        t.api('/api/chat', { method: 'POST', token: alice.token, json: { message: `add ${bad} tomorrow` } }),
    },
    {
      name: 'quick-add text',
      field: 'text',
      send: (bad) =>
        t.api('/api/nl/parse', { method: 'POST', token: alice.token, json: { text: `add ${bad}` } }),
    },
    {
      name: 'sign-up password',
      field: 'password',
      send: (bad) =>
        t.api('/api/auth/signup', {
          method: 'POST',
          json: { email: `nul-${Date.now()}@example.com`, password: `long enough ${bad}` },
        }),
    },
    {
      name: 'log-in password',
      field: 'password',
      send: (bad) =>
        t.api('/api/auth/login', { method: 'POST', json: { email: 'x@example.com', password: bad } }),
    },
    {
      name: 'webhook URL',
      field: 'url',
      send: (bad) =>
        t.api('/api/webhook', {
          method: 'PUT',
          token: alice.token,
          json: { url: `https://example.com/${bad}` },
        }),
    },
    {
      name: 'search term',
      field: 'q',
      inUrl: true,
      send: (bad) => t.api(`/api/tasks?q=${encodeURIComponent(bad)}`, { token: alice.token }),
    },
    {
      name: 'tag filter',
      field: 'tag',
      inUrl: true,
      send: (bad) => t.api(`/api/tasks?tag=${encodeURIComponent(bad)}`, { token: alice.token }),
    },
  ];

  for (const { name, field, inUrl, send } of cases) {
    it(`given a NUL, an unpaired surrogate or an escape character in the ${name}, then 400 names ${field}`, async () => {
      await expectProblem(await send(NUL), 400, field);
      if (!inUrl) await expectProblem(await send(LONE_SURROGATE), 400, field);
      await expectProblem(await send(CONTROL), 400, field);
    });
  }

  it('given emoji, accents and line breaks, when a task is created, then they are kept as sent', async () => {
    const description = 'line one\nline two\twith a tab ✓';
    const res = await t.api('/api/tasks', {
      method: 'POST',
      token: alice.token,
      json: { title: 'Café 😀', description, tags: ['naïve'] },
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const task = (await (await t.api(`/api/tasks/${id}`, { token: alice.token })).json()) as Record<
      string,
      unknown
    >;
    expect(task).toMatchObject({ title: 'Café 😀', description, tags: ['naïve'] });
  });
});

describe('cursors', () => {
  it('given an audit cursor beyond a bigint, then 400 names cursor', async () => {
    await expectProblem(
      await t.api('/api/audit?cursor=9223372036854775808', { token: alice.token }),
      400,
      'cursor',
    );
    const ok = await t.api('/api/audit?cursor=9223372036854775807', { token: alice.token });
    expect(ok.status).toBe(200);
  });

  it('given a well-formed list cursor whose sort value is not a date, then 400 names cursor', async () => {
    const forged = (key: string) =>
      Buffer.from(JSON.stringify([key, '0b6f3c2e-3f43-4c6a-9f59-3f1c4b7a2d10'])).toString('base64url');
    for (const [sort, key] of [
      ['due', 'not a date'],
      ['created', '2026-02-30 00:00:00+00'],
      ['priority', 'high'],
    ]) {
      const res = await t.api(`/api/tasks?sort=${sort}&cursor=${forged(key!)}`, { token: alice.token });
      await expectProblem(res, 400, 'cursor');
    }
  });

  it('given a realtime position beyond any log, then 400 names it', async () => {
    const res = await t.api('/api/stream?after=99999999999999999999999', { token: alice.token });
    await expectProblem(res, 400, 'after');
  });
});

describe('methods a path does not support', () => {
  it('given PUT on the task list and DELETE on log-in, then 405 with Allow', async () => {
    const put = await t.api('/api/tasks', { method: 'PUT', token: alice.token, json: { title: 'x' } });
    await expectProblem(put, 405, 'method');
    expect(put.headers.get('allow')).toBe('GET, HEAD, POST');
    const del = await t.api('/api/auth/login', { method: 'DELETE' });
    await expectProblem(del, 405, 'method');
    expect(del.headers.get('allow')).toBe('POST');
    const onId = await t.api(`/api/tasks/${taskId}/`, { method: 'POST', token: alice.token });
    await expectProblem(onId, 405, 'method');
    expect(onId.headers.get('allow')).toBe('DELETE, GET, HEAD, PATCH');
  });

  it('given a path no route has, then still 404', async () => {
    const res = await t.api('/api/nothing-here', { method: 'PUT', token: alice.token });
    expect(res.status).toBe(404);
  });
});

describe('bodies that are not UTF-8', () => {
  const post = (body: Uint8Array, contentType: string) =>
    fetch(`${t.url}/api/tasks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alice.token}`, 'content-type': contentType },
      body,
    });

  it('given bytes that are not UTF-8 in a JSON body, then 400 names the body', async () => {
    const invalid = Buffer.concat([Buffer.from('{"title":"caf'), Buffer.from([0xe9]), Buffer.from('"}')]);
    await expectProblem(await post(invalid, 'application/json'), 400, 'body');
  });

  it('given a body declared as UTF-16, then 415 names Content-Type', async () => {
    const utf16 = Buffer.from('\ufeff{"title":"utf-16"}', 'utf16le');
    await expectProblem(await post(utf16, 'application/json; charset=utf-16'), 415, 'Content-Type');
    const latin1 = Buffer.from('{"title":"plain"}', 'latin1');
    await expectProblem(await post(latin1, 'application/json; charset=ISO-8859-1'), 415, 'Content-Type');
  });

  it('given a UTF-8 body, with or without the charset, then it is accepted', async () => {
    const body = Buffer.from('{"title":"café"}', 'utf8');
    expect((await post(body, 'application/json; charset=UTF-8')).status).toBe(201);
    expect((await post(body, 'application/json')).status).toBe(201);
  });
});

describe('X-Correlation-Id, which every event of the command carries', () => {
  const create = (correlationId: string) =>
    t.api('/api/tasks', {
      method: 'POST',
      token: alice.token,
      headers: { 'x-correlation-id': correlationId },
      json: { title: 'traced' },
    });

  it('given a tracing id, when a task is created, then its history carries that id', async () => {
    const res = await create('trace-4bf92f3577b34da6a3ce929d0e0e4736');
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const history = await t.api(`/api/tasks/${id}/history`, { token: alice.token });
    const { items } = (await history.json()) as { items: { correlationId: string }[] };
    expect(items.map((e) => e.correlationId)).toEqual(['trace-4bf92f3577b34da6a3ce929d0e0e4736']);
  });

  it('given 129 characters or a space, then 400 names X-Correlation-Id', async () => {
    await expectProblem(await create('x'.repeat(129)), 400, 'X-Correlation-Id');
    await expectProblem(await create('two words'), 400, 'X-Correlation-Id');
  });
});
