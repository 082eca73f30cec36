import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestSystem, type TestSystem } from '../testing/test-system.ts';

/**
 * The OpenAPI document lists every status each route can answer, problems as
 * application/problem+json, and marks the public routes as needing no token (issue 10 §4:
 * schemathesis found 71 answers with a status the document did not list).
 */
interface Operation {
  parameters?: { in: string; name: string }[];
  requestBody?: unknown;
  responses: Record<string, { content?: Record<string, unknown> }>;
  security?: unknown[];
}

let t: TestSystem;
let operations: { label: string; method: string; path: string; op: Operation }[];

beforeAll(async () => {
  t = await startTestSystem();
  const doc = (await (await fetch(`${t.url}/api/openapi.json`)).json()) as {
    paths: Record<string, Record<string, Operation>>;
    security: unknown[];
  };
  expect(doc.security).toEqual([{ bearerAuth: [] }]);
  operations = Object.entries(doc.paths).flatMap(([path, byMethod]) =>
    Object.entries(byMethod).map(([method, op]) => ({
      label: `${method.toUpperCase()} ${path}`,
      method,
      path,
      op,
    })),
  );
});
afterAll(async () => t.stop());

const PUBLIC = [
  'POST /api/auth/signup',
  'POST /api/auth/login',
  // The links in reminder emails (and the button of a done/snooze link's page): their
  // signature is their authority.
  'GET /api/email/verify',
  'POST /api/email/verify',
  'GET /api/email/action',
  'POST /api/email/action',
  // The calendar feed's secret is in its URL: calendar apps send no header.
  'GET /api/feeds/{secret}/tasks.ics',
];
const statusesOf = (op: Operation) => Object.keys(op.responses);

describe('the OpenAPI document', () => {
  it('documents the routes it should', () => {
    expect(operations.length).toBeGreaterThan(20);
    for (const label of [...PUBLIC, 'DELETE /api/tasks/{id}', 'GET /api/audit', 'POST /api/chat']) {
      expect(operations.map((o) => o.label)).toContain(label);
    }
  });

  it('marks sign-up, log-in, the email links and the calendar feed as public, every other route as needing the bearer token (401)', () => {
    for (const { label, op } of operations) {
      if (PUBLIC.includes(label)) expect([label, op.security]).toEqual([label, []]);
      else
        expect([label, op.security, statusesOf(op)]).toEqual([
          label,
          undefined,
          expect.arrayContaining(['401']),
        ]);
    }
  });

  it('documents 500 and 503 everywhere, 400 wherever input is validated, 400/413/415 for bodies', () => {
    for (const { label, method, op } of operations) {
      const expected = ['500', '503'];
      if (op.parameters?.length || op.requestBody) expected.push('400');
      if (['post', 'put', 'patch', 'delete'].includes(method)) expected.push('400', '413', '415');
      expect([label, statusesOf(op)]).toEqual([label, expect.arrayContaining(expected)]);
    }
  });

  it('documents 404 for every route on a resource by id, and 412 wherever If-Match is read', () => {
    for (const { label, path, op } of operations) {
      if (path.includes('{id}'))
        expect([label, statusesOf(op)]).toEqual([label, expect.arrayContaining(['404'])]);
      if (op.parameters?.some((p) => p.in === 'header' && p.name === 'if-match'))
        expect([label, statusesOf(op)]).toEqual([label, expect.arrayContaining(['412'])]);
    }
  });

  it('documents that a link from a mail only asks and its page posts the token as a form', () => {
    const byLabel = (label: string) => operations.find((o) => o.label === label)!.op;
    for (const path of ['/api/email/action', '/api/email/verify']) {
      expect(statusesOf(byLabel(`GET ${path}`))).not.toContain('409');
      expect(byLabel(`POST ${path}`).requestBody).toMatchObject({
        content: {
          'application/x-www-form-urlencoded': { schema: { required: ['token'] } },
          'application/json': { schema: { required: ['token'] } },
        },
      });
    }
  });

  it('documents the deletes as 204 without a body, not 200', () => {
    for (const label of ['DELETE /api/tasks/{id}', 'DELETE /api/webhook']) {
      const op = operations.find((o) => o.label === label)!.op;
      expect([label, statusesOf(op).filter((s) => s.startsWith('2'))]).toEqual([label, ['204']]);
      expect(op.responses['204']!.content ?? {}).toEqual({});
    }
  });

  it('describes every 4xx and 5xx as application/problem+json', () => {
    for (const { label, op } of operations) {
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) < 400) continue;
        expect([label, status, Object.keys(response.content ?? {})]).toEqual([
          label,
          status,
          ['application/problem+json'],
        ]);
      }
    }
  });

  it('answers as it documents: a DELETE really is 204, a problem really is problem+json', async () => {
    const { token } = await t.signup();
    const created = await t.api('/api/tasks', { method: 'POST', token, json: { title: 'to delete' } });
    const { id } = (await created.json()) as { id: string };
    const deleted = await t.api(`/api/tasks/${id}`, { method: 'DELETE', token });
    expect(deleted.status).toBe(204);
    const again = await t.api(`/api/tasks/${id}`, { method: 'DELETE', token });
    expect(again.status).toBe(404);
    expect(again.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
