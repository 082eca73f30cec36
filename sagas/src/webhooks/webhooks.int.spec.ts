import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createLogger, PostgresEventLog, PostgresEventStore } from '@todo/platform';
import { createTestDatabase, type TestDatabase } from '@todo/platform/testing';
import { startSagas, type RunningSagas } from '../index.ts';
import { taskWithReminders, until } from '../testing/reminder-tasks.ts';
import { checkWebhookUrl, WebhookUrlRefused } from './address-guard.ts';
import { sendWebhook } from './send-webhook.ts';
import { newWebhookSecret, signPayload } from './sign.ts';
import { WebhookStore } from './webhook-store.ts';

let db: TestDatabase;
let store: PostgresEventStore;
let sagas: RunningSagas;
let receiver: Server;
let receiverUrl: string;
const received: { headers: Record<string, string | string[] | undefined>; body: string; answered: number }[] =
  [];
const logger = createLogger('silent');

beforeAll(async () => {
  db = await createTestDatabase();
  store = new PostgresEventStore(db.knex);
  // Fails twice, then accepts: the delivery must be retried and every attempt recorded.
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const answered = received.length < 2 ? 500 : 200;
      received.push({ headers: req.headers, body, answered });
      res.writeHead(answered).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const eventLog = new PostgresEventLog(db.knex, db.connectionString, logger);
  sagas = await startSagas({
    knex: db.knex,
    connectionString: db.connectionString,
    eventLog,
    eventStore: store,
    logger,
    // The receiver is on loopback: this test is the operator who allows that.
    webhooks: { allowPrivate: true, firstRetryMs: 50 },
  });
});
afterAll(async () => {
  await sagas.stop();
  const closed = new Promise((r) => receiver.close(r));
  receiver.closeAllConnections();
  await closed;
  await db.drop();
});

describe('reminder webhooks', () => {
  it('POSTs each firing, signed with HMAC-SHA256, retrying with backoff, every attempt visible', async () => {
    const user = randomUUID();
    const hooks = new WebhookStore(db.knex);
    const secret = newWebhookSecret();
    await hooks.register(user, receiverUrl, secret);
    const { taskId } = await taskWithReminders(store, user, [new Date(Date.now() + 300)]);
    await until(async () => (await hooks.deliveries(user))[0]?.status === 'delivered');
    const [delivery] = await hooks.deliveries(user);
    expect(delivery!.attempts.map((a) => a.statusCode)).toEqual([500, 500, 200]);
    expect(delivery!.payload).toMatchObject({ type: 'reminder.fired', taskId, reminderId: 'r0' });
    for (const r of received) {
      const timestamp = String(r.headers['x-todo-timestamp']);
      expect(r.headers['x-todo-signature']).toBe(signPayload(secret, timestamp, r.body));
      expect(r.headers['x-todo-delivery']).toBe(delivery!.deliveryId);
    }
  });

  it('refuses loopback and private addresses unless the operator allows them', async () => {
    await expect(checkWebhookUrl('http://127.0.0.1:9/hook', false)).rejects.toBeInstanceOf(WebhookUrlRefused);
    await expect(checkWebhookUrl('http://localhost:9/hook', false)).rejects.toBeInstanceOf(WebhookUrlRefused);
    await expect(checkWebhookUrl('http://[::1]:9/hook', false)).rejects.toBeInstanceOf(WebhookUrlRefused);
    await expect(checkWebhookUrl('http://10.0.0.8/hook', false)).rejects.toBeInstanceOf(WebhookUrlRefused);
    await expect(checkWebhookUrl('ftp://example.com/', true)).rejects.toBeInstanceOf(WebhookUrlRefused);
    await expect(checkWebhookUrl('http://127.0.0.1:9/hook', true)).resolves.toBeInstanceOf(URL);
  });

  it('refuses to connect to a loopback address at delivery time too', async () => {
    const before = received.length;
    const result = await sendWebhook(receiverUrl.replace('127.0.0.1', 'localhost'), '{}', {}, false);
    expect(result.statusCode).toBeNull();
    expect(result.error).toMatch(/refused to connect/);
    const literal = await sendWebhook(receiverUrl, '{}', {}, false);
    expect(literal.error).toMatch(/refused to connect/);
    expect(received.length).toBe(before);
  });
});
