import type { RealtimeMessage } from '@todo/contracts';
import { connect } from '@todo/realtime/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { expectStatus, serverTime, signUp, type Account, type Requester } from '../harness/api.ts';
import { allTasks, wholeAudit } from '../harness/read-all.ts';

/**
 * A user's data for the isolation probe, and its canaries: values another user could only
 * learn through a leak. `publicWord` is the one thing a probe says aloud (a chat message naming
 * it): the victim's task titles carry it next to the secret, so a leak shows the secret.
 */
export interface Footprint {
  account: Account;
  publicWord: string;
  secret: string;
  taskId: string;
  taskVersion: number;
  completedTaskId: string;
  reminderId: string;
  conversationId: string;
  viewId: string;
  /** A list of the user's, named with the secret. */
  listId: string;
  /** An import job of the user's (a one-row Todoist CSV naming the secret). */
  importJobId: string;
  /** The next page of the saved view's tasks. */
  viewCursor: string;
  idempotencyKey: string;
  webhookSecret: string;
  /** The id of the user's API token (its secret is a canary). */
  apiTokenId: string;
  listCursor: string;
  auditCursor: string;
  /** The last position on the user's stream. */
  lastPosition: string;
  canaries: string[];
}

const word = (prefix: string) => `${prefix}${randomBytes(6).toString('hex')}`;

export async function leaveFootprint(api: Requester, baseUrl: string, label: string): Promise<Footprint> {
  const account = await signUp(api, label, 'Europe/Paris');
  const token = account.token;
  const publicWord = word('word');
  const secret = word('secret');
  const now = serverTime(expectStatus(await api('GET', '/api/me', { token }), 200, 'me')).getTime();
  const idempotencyKey = randomUUID();
  const created = expectStatus(
    await api('POST', '/api/tasks', {
      token,
      headers: { 'idempotency-key': idempotencyKey },
      json: {
        title: `${publicWord} ${secret} main`,
        description: `${secret} description`,
        tags: [secret, publicWord],
        priority: 'high',
        dueAt: new Date(now + 2 * 86_400_000).toISOString(),
        timezone: 'Europe/Paris',
        recurrence: { rrule: 'FREQ=DAILY' },
        reminders: [{ id: 'r1', at: new Date(now + 86_400_000).toISOString() }],
      },
    }),
    201,
    'create the main task',
  ).body as { id: string; version: number };
  const second = expectStatus(
    await api('POST', '/api/tasks', {
      token,
      json: { title: `${publicWord} ${secret} second`, tags: [secret] },
    }),
    201,
    'create a second task',
  ).body as { id: string };
  expectStatus(await api('POST', `/api/tasks/${second.id}/complete`, { token }), 200, 'complete it');
  const chat = expectStatus(
    await api('POST', '/api/chat', { token, json: { message: `add ${publicWord} ${secret} chat tomorrow` } }),
    200,
    'chat',
  ).body as { conversationId: string };
  // A saved view naming the secret label: its tasks are the main task and the chat's.
  const view = expectStatus(
    await api('POST', '/api/views', {
      token,
      json: { name: `${publicWord} ${secret} view`, filter: `7 days | @${secret}` },
    }),
    201,
    'save a view',
  ).body as { id: string };
  const viewCursor = (
    expectStatus(await api('GET', `/api/views/${view.id}/tasks?limit=1`, { token }), 200, 'view tasks')
      .body as { nextCursor: string }
  ).nextCursor;
  const list = expectStatus(
    await api('POST', '/api/lists', { token, json: { name: `${publicWord} ${secret} list` } }),
    201,
    'make a list',
  ).body as { id: string };
  const importJob = expectStatus(
    await api('POST', '/api/imports/todoist', {
      token,
      headers: { 'content-type': 'text/csv' },
      raw: `TYPE,CONTENT,PRIORITY,DATE\ntask,${publicWord} ${secret} imported,1,\n`,
    }),
    202,
    'import a Todoist CSV',
  ).body as { id: string };
  // The import runs in the background: done before the snapshots, or its task would be a change.
  for (let tries = 0; ; tries++) {
    const job = expectStatus(
      await api('GET', `/api/imports/jobs/${importJob.id}`, { token }),
      200,
      'import job',
    );
    if ((job.body as { status: string }).status !== 'running') break;
    if (tries > 300) throw new Error('the import did not finish within 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  const hook = expectStatus(
    await api('PUT', '/api/webhook', { token, json: { url: `http://127.0.0.1:9/${secret}` } }),
    200,
    'register a webhook',
  ).body as { secret: string };
  const apiToken = expectStatus(
    await api('POST', '/api/tokens', { token, json: { name: `${secret} agent`, scopes: ['tasks:read'] } }),
    201,
    'create an API token',
  ).body as { id: string; token: string };
  const listCursor = (
    expectStatus(await api('GET', '/api/tasks?status=all&limit=1', { token }), 200, 'list').body as {
      nextCursor: string;
    }
  ).nextCursor;
  const auditCursor = (
    expectStatus(await api('GET', '/api/audit?limit=1', { token }), 200, 'audit').body as {
      nextCursor: string;
    }
  ).nextCursor;
  const lastPosition = await lastPositionOf(api, baseUrl, account);

  const taskIds = (await allTasks(api, token)).map((t) => t.id);
  return {
    account,
    publicWord,
    secret,
    taskId: created.id,
    taskVersion: created.version,
    completedTaskId: second.id,
    reminderId: 'r1',
    conversationId: chat.conversationId,
    viewId: view.id,
    listId: list.id,
    importJobId: importJob.id,
    viewCursor,
    idempotencyKey,
    webhookSecret: hook.secret,
    apiTokenId: apiToken.id,
    listCursor,
    auditCursor,
    lastPosition,
    canaries: [
      secret,
      account.userId,
      account.email,
      chat.conversationId,
      view.id,
      list.id,
      importJob.id,
      hook.secret,
      apiToken.id,
      apiToken.token,
      ...taskIds,
    ],
  };
}

/** The position of the user's latest change, read from a WebSocket replayed from the start. */
async function lastPositionOf(api: Requester, baseUrl: string, account: Account): Promise<string> {
  // One message per task event, two for a reminder firing (none has fired here); events of
  // no task (the API token's) keep their position but send nothing.
  // A saved view's or a list's event sends one message too.
  const said = ['todo.task.', 'todo.view.', 'todo.list.'];
  const events = (await wholeAudit(api, account.token)).filter((e) =>
    said.some((p) => e.type.startsWith(p)),
  ).length;
  const socket = await connect(baseUrl, account.token, '0');
  await socket.waitFor((m) => m.length >= events, 10_000);
  await socket.close();
  const last = socket.messages.at(-1) as RealtimeMessage;
  return last.position;
}

/** Everything of a user's that another user's probe must leave as it was. */
export async function snapshotOf(api: Requester, account: Account) {
  const token = account.token;
  const get = async (path: string) => {
    const answer = await api('GET', path, { token });
    return { status: answer.status, body: answer.body };
  };
  const conversations = await get('/api/chat/conversations');
  const ids = ((conversations.body as { items?: { id: string }[] }).items ?? []).map((c) => c.id);
  return {
    tasks: await allTasks(api, token),
    audit: await wholeAudit(api, token),
    me: await get('/api/me'),
    webhook: await get('/api/webhook'),
    apiTokens: await get('/api/tokens'),
    deliveries: await get('/api/webhook/deliveries'),
    conversations,
    views: await get('/api/views'),
    lists: await get('/api/lists?archived=true'),
    messages: await Promise.all(ids.map((id) => get(`/api/chat/conversations/${id}/messages`))),
  };
}
