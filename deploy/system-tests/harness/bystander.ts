import type { RealtimeMessage, TaskList } from '@todo/contracts';
import { connect, type CollectingSocket } from '@todo/realtime/testing';
import { randomUUID } from 'node:crypto';
import { noAnswer, signUp, type Account, type Requester } from './api.ts';

/** Another user, with a WebSocket open all along: what one user sends must never stop them. */
export interface Bystander {
  account: Account;
  socket: CollectingSocket;
}

export async function bystanderOn(api: Requester, baseUrl: string): Promise<Bystander> {
  const account = await signUp(api, 'bystander');
  return { account, socket: await connect(baseUrl, account.token) };
}

const upserted = (messages: RealtimeMessage[], id: string) =>
  messages.some((m) => m.type === 'task.upserted' && m.task.id === id);

/**
 * Whether the system still serves the bystander within `boundMs` for each step (a liveness
 * bound, not a speed claim): `/readyz` answers, a write is acknowledged, shows up in their list
 * and arrives on their WebSocket. Returns what did not hold.
 */
export async function bystanderStillServed(
  api: Requester,
  bystander: Bystander,
  boundMs: number,
): Promise<string[]> {
  const problems: string[] = [];
  const ready = await api('GET', '/readyz', { timeoutMs: boundMs }).catch(noAnswer);
  if (ready instanceof Error || ready.status !== 200) {
    problems.push(`/readyz: ${ready instanceof Error ? ready.message : ready.status}`);
  }
  const title = `bystander ${randomUUID()}`;
  const created = await api('POST', '/api/tasks', {
    token: bystander.account.token,
    json: { title },
    timeoutMs: boundMs,
  }).catch(noAnswer);
  if (created instanceof Error || created.status !== 201) {
    problems.push(`the bystander's create: ${created instanceof Error ? created.message : created.status}`);
    return problems;
  }
  const id = (created.body as { id: string }).id;
  const deadline = Date.now() + boundMs;
  let listed = false;
  while (!listed && Date.now() < deadline) {
    const list = await api('GET', '/api/tasks?sort=created&order=desc&limit=5', {
      token: bystander.account.token,
      timeoutMs: Math.max(1, deadline - Date.now()),
    }).catch(() => null);
    listed = list?.status === 200 && (list.body as TaskList).items.some((t) => t.id === id);
    if (!listed) await new Promise((r) => setTimeout(r, 50));
  }
  if (!listed) problems.push(`the bystander's task did not show in their list within ${boundMs} ms`);
  if (bystander.socket.ws.readyState !== bystander.socket.ws.OPEN) {
    problems.push("the bystander's WebSocket was closed");
  } else {
    await bystander.socket
      .waitFor((m) => upserted(m, id), Math.max(1, deadline - Date.now()))
      .catch(() =>
        problems.push(`the bystander's task did not arrive on their WebSocket within ${boundMs} ms`),
      );
  }
  return problems;
}
