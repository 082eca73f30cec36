import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RealtimeMessage } from '@todo/contracts';
import { connect, openSocket, ticketFor } from '@todo/realtime/testing';
import { randomUUID } from 'node:crypto';
import type { SystemProcess } from '../testing/system-process.ts';
import { apiOn, expectStatus, type Requester } from './harness/api.ts';
import { openEventStream } from './harness/event-stream.ts';
import { claimsOf, forgedTokens } from './harness/jwt.ts';
import { allTasks } from './harness/read-all.ts';
import { discardStandalone, startStandalone } from './harness/standalone.ts';
import { leaveFootprint, snapshotOf, type Footprint } from './isolation/footprint.ts';
import { describeOperation, documentedOperations, type Operation } from './isolation/openapi.ts';
import { leaked, probeRequest, sendProbe, valuesOf } from './isolation/probe.ts';
import { routeFindings } from './isolation/route-findings.ts';

/** A liveness bound for a stream to deliver (not a speed claim). */
const DELIVERY_BOUND_MS = 10_000;

let system: SystemProcess | undefined;
let api: Requester;
let operations: Operation[];
const users: Record<'alice' | 'bob', Footprint> = {} as Record<'alice' | 'bob', Footprint>;

beforeAll(async () => {
  // The footprints register loopback webhooks (never delivered to: no reminder fires here).
  system = await startStandalone({ env: { WEBHOOKS_ALLOW_PRIVATE_ADDRESSES: 'true' } });
  api = apiOn(() => system!.url);
  users.alice = await leaveFootprint(api, system.url, 'alice');
  users.bob = await leaveFootprint(api, system.url, 'bob');
  operations = await documentedOperations(api);
}, 120_000);

afterAll(async () => {
  await discardStandalone(system);
});

const messagesLeak = (messages: unknown[], victim: Footprint) =>
  leaked({ text: JSON.stringify(messages) }, victim.canaries);

/** The task ids a stream message is about. */
const taskIdsOf = (messages: RealtimeMessage[]) =>
  messages.flatMap((m) => (m.type === 'task.upserted' ? [m.task.id] : 'taskId' in m ? [m.taskId] : []));

async function createTask(token: string, title: string): Promise<string> {
  return (
    expectStatus(await api('POST', '/api/tasks', { token, json: { title } }), 201, 'create').body as {
      id: string;
    }
  ).id;
}

it('enumerates the documented routes from /api/openapi.json', () => {
  // A broken spec must not make every probe below pass by probing nothing.
  expect(operations.length).toBeGreaterThanOrEqual(20);
  expect(operations.map(describeOperation)).toEqual(
    expect.arrayContaining([
      'GET /api/tasks/{id}',
      'GET /api/chat/conversations/{id}/messages',
      'GET /api/stream',
    ]),
  );
});

describe.each([
  ['alice', 'bob'],
  ['bob', 'alice'],
] as const)('%s probing %s', (intruderName, victimName) => {
  const intruder = () => users[intruderName];
  const victim = () => users[victimName];

  it(`answers every documented route on ${victimName}'s ids, cursors, positions and keys like a missing resource, leaking nothing and writing nothing`, async () => {
    const before = await snapshotOf(api, victim().account);
    const findings: string[] = [];
    for (const op of operations)
      findings.push(...(await routeFindings(op, intruder(), victim(), system!.url)));
    expect(findings).toEqual([]);
    expect(await snapshotOf(api, victim().account)).toEqual(before);
  });

  it(`gives ${intruderName} only ${intruderName}'s changes on a WebSocket resumed from ${victimName}'s position`, async () => {
    const socket = await connect(system!.url, intruder().account.token, victim().lastPosition);
    const smuggled = await openSocket(
      system!.url,
      `?ticket=${encodeURIComponent(await ticketFor(system!.url, intruder().account.token))}&after=0&userId=${victim().account.userId}&user=${victim().account.userId}`,
    );
    await createTask(victim().account.token, `${victim().publicWord} ${victim().secret} while probed`);
    const own = await createTask(intruder().account.token, `${intruderName} own`);
    const arrived = (s: { messages: RealtimeMessage[] }) =>
      taskIdsOf(s.messages).includes(own) || s.messages.some((m) => m.type === 'resync');
    await socket.waitFor(() => arrived(socket), DELIVERY_BOUND_MS).catch(() => undefined);
    await smuggled.waitFor(() => arrived(smuggled), DELIVERY_BOUND_MS).catch(() => undefined);
    await socket.close();
    await smuggled.close();
    const mine = new Set((await allTasks(api, intruder().account.token)).map((t) => t.id));
    for (const s of [socket, smuggled]) {
      expect(messagesLeak(s.messages, victim())).toEqual([]);
      expect(taskIdsOf(s.messages).filter((id) => !mine.has(id))).toEqual([]);
      expect(arrived(s)).toBe(true);
    }
  });

  it(`gives ${intruderName} only ${intruderName}'s changes on SSE resumed with ${victimName}'s Last-Event-ID or after=`, async () => {
    const streams = [
      await openEventStream(system!.url, intruder().account.token, { lastEventId: victim().lastPosition }),
      await openEventStream(system!.url, intruder().account.token, { after: victim().lastPosition }),
    ];
    await createTask(victim().account.token, `${victim().publicWord} ${victim().secret} while streamed`);
    const own = await createTask(intruder().account.token, `${intruderName} own streamed`);
    const deadline = Date.now() + DELIVERY_BOUND_MS;
    const arrived = (s: (typeof streams)[number]) => {
      const data = s.messages.map((m) => m.data);
      return taskIdsOf(data).includes(own) || data.some((m) => m.type === 'resync');
    };
    while (!streams.every(arrived) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const mine = new Set((await allTasks(api, intruder().account.token)).map((t) => t.id));
    for (const s of streams) {
      await s.close();
      expect(s.status).toBe(200);
      const data = s.messages.map((m) => m.data);
      expect(messagesLeak(data, victim())).toEqual([]);
      expect(taskIdsOf(data).filter((id) => !mine.has(id))).toEqual([]);
      expect(arrived(s)).toBe(true);
    }
  });

  it(`lets ${intruderName}'s chat neither see nor change ${victimName}'s tasks or conversations`, async () => {
    const before = await snapshotOf(api, victim().account);
    const word = victim().publicWord;
    const replies: unknown[] = [];
    let conversationId: string | undefined;
    for (const message of [
      `show my tasks tagged ${word}`,
      `complete ${word}`,
      `delete ${word} main`,
      `move ${word} to tomorrow`,
      'what is due this week',
      'undo',
    ]) {
      const answer = await api('POST', '/api/chat', {
        token: intruder().account.token,
        json: { message, ...(conversationId ? { conversationId } : {}) },
      });
      expect(answer.status).toBe(200);
      conversationId = (answer.body as { conversationId: string }).conversationId;
      replies.push(answer.body);
    }
    const intoVictims = await api('POST', '/api/chat', {
      token: intruder().account.token,
      json: { message: 'list my tasks', conversationId: victim().conversationId },
    });
    expect(intoVictims.status).toBe(404);
    expect(leaked({ text: JSON.stringify(replies) + intoVictims.text }, victim().canaries)).toEqual([]);
    expect(await snapshotOf(api, victim().account)).toEqual(before);
  });

  it(`gives ${intruderName}'s API token only ${intruderName}'s data, and no hold on ${victimName}'s tokens`, async () => {
    const created = expectStatus(
      await api('POST', '/api/tokens', {
        token: intruder().account.token,
        json: { name: 'probe', scopes: ['tasks:read', 'tasks:write'] },
      }),
      201,
      'create a token',
    ).body as { token: string };
    const token = created.token;
    const answers = [
      await api('GET', `/api/tasks/${victim().taskId}`, { token }),
      await api('GET', `/api/tasks/${victim().taskId}/history`, { token }),
      await api('GET', '/api/tasks?status=all', { token }),
      await api('GET', '/api/audit?limit=200', { token }),
      await api('DELETE', `/api/tokens/${victim().apiTokenId}`, { token }),
      await api('DELETE', `/api/tokens/${victim().apiTokenId}`, { token: intruder().account.token }),
    ];
    expect(answers.map((a) => a.status)).toEqual([404, 404, 200, 200, 403, 404]);
    // A problem names the path it answers (`instance`): the ids sent are no leak.
    const text = answers
      .map((a) => a.text)
      .join('\n')
      .replaceAll(victim().taskId, '<sent>')
      .replaceAll(victim().apiTokenId, '<sent>');
    expect(leaked({ text }, victim().canaries)).toEqual([]);
    expect(expectStatus(await api('GET', '/api/me', { token }), 200, 'me').body).toMatchObject({
      id: intruder().account.userId,
      authenticatedBy: 'api-token',
    });
  });

  it(`gives ${intruderName}'s refreshed token ${intruderName}'s identity, and refuses forged tokens naming ${victimName}`, async () => {
    const refreshed = expectStatus(
      await api('POST', '/api/auth/refresh', { token: intruder().account.token }),
      200,
      'refresh',
    ).body as { token: string; user: { id: string } };
    expect(refreshed.user.id).toBe(intruder().account.userId);
    expect(claimsOf(refreshed.token).sub).toBe(intruder().account.userId);

    const claims = {
      ...claimsOf(intruder().account.token),
      sub: victim().account.userId,
      email: victim().account.email,
    };
    const refusals: string[] = [];
    for (const [how, forged] of Object.entries(forgedTokens(intruder().account.token, claims))) {
      for (const [method, path] of [
        ['GET', '/api/me'],
        ['GET', '/api/tasks'],
        ['POST', '/api/auth/refresh'],
        ['POST', '/api/realtime/ticket'],
        ['GET', '/api/stream'],
      ] as const) {
        const answer = await api(method, path, { token: forged, timeoutMs: 5000 });
        const leaks = leaked(answer, victim().canaries);
        refusals.push(
          `${how}: ${method} ${path}: ${answer.status}${leaks.length ? ` leaking ${leaks}` : ''}`,
        );
      }
    }
    expect(refusals.filter((r) => !r.endsWith(': 401'))).toEqual([]);
  });

  it(`does not answer ${intruderName}'s create with ${victimName}'s Idempotency-Key from ${victimName}'s stored answer`, async () => {
    const key = randomUUID();
    const body = { title: `${victim().publicWord} same body` };
    const first = expectStatus(
      await api('POST', '/api/tasks', {
        token: victim().account.token,
        json: body,
        headers: { 'idempotency-key': key },
      }),
      201,
      'victim create',
    ).body as { id: string };
    const second = expectStatus(
      await api('POST', '/api/tasks', {
        token: intruder().account.token,
        json: body,
        headers: { 'idempotency-key': key },
      }),
      201,
      'intruder create with the same key',
    ).body as { id: string };
    expect(second.id).not.toBe(first.id);
    expect((await allTasks(api, intruder().account.token)).map((t) => t.id)).toContain(second.id);
    expect((await allTasks(api, victim().account.token)).map((t) => t.id)).not.toContain(second.id);
  });
});

describe('controls: the owner gets a 2xx from each route that names a resource, so the 404s above came from ownership', () => {
  it('answers alice on her own fresh resources', async () => {
    const alice = users.alice;
    const refused: string[] = [];
    for (const op of operations) {
      const fixture = await createFixture(alice, op);
      const probe = probeRequest(
        op,
        { ...valuesOf(alice), task: fixture.id, version: fixture.version, idempotencyKey: randomUUID() },
        system!.url,
      );
      if (!probe.namesResource) continue;
      const answer = await sendProbe(probe, alice.account.token);
      if (answer.status < 200 || answer.status > 299)
        refused.push(`${probe.label}: ${answer.status} ${answer.text}`);
    }
    expect(refused).toEqual([]);
  });
});

/** A task like the footprint's main one (recurring, due, reminder r1); completed for a reopen. */
async function createFixture(owner: Footprint, op: Operation): Promise<{ id: string; version: number }> {
  const token = owner.account.token;
  let written = expectStatus(
    await api('POST', '/api/tasks', {
      token,
      json: {
        title: `${owner.publicWord} fixture`,
        dueAt: '2030-01-02T09:00:00.000Z',
        timezone: 'Europe/Paris',
        recurrence: { rrule: 'FREQ=DAILY' },
        reminders: [{ id: 'r1', at: '2030-01-02T08:00:00.000Z' }],
      },
    }),
    201,
    'fixture',
  ).body as { id: string; version: number };
  if (op.path.endsWith('/reopen')) {
    written = expectStatus(await api('POST', `/api/tasks/${written.id}/complete`, { token }), 200, 'complete')
      .body as { id: string; version: number };
  }
  return written;
}
