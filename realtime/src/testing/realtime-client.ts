import type { HelloMessage, RealtimeMessage } from '@todo/contracts';
import { WebSocket } from 'ws';

/** A test client: collects every message a WebSocket receives, and how it ended. */
export interface CollectingSocket {
  ws: WebSocket;
  /** Every message but `hello` (the stream's start, kept in `hellos`). */
  messages: RealtimeMessage[];
  hellos: HelloMessage[];
  closed: Promise<{ code: number; reason: string }>;
  waitFor(predicate: (messages: RealtimeMessage[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function waitUntil(check: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export async function ticketFor(baseUrl: string, token: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/realtime/ticket`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  if (res.status !== 200) throw new Error(`ticket: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { ticket: string }).ticket;
}

/** Opens `/ws` and resolves once it is open; rejects with the HTTP status if refused. */
export function openSocket(baseUrl: string, query: string, path = '/ws'): Promise<CollectingSocket> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}${path}${query}`);
  const messages: RealtimeMessage[] = [];
  const hellos: HelloMessage[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString()) as RealtimeMessage;
    if (message.type === 'hello') hellos.push(message);
    else messages.push(message);
  });
  return new Promise((resolve, reject) => {
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () =>
        reject(Object.assign(new Error(`refused ${res.statusCode}`), { status: res.statusCode, body })),
      );
    });
    ws.once('error', reject);
    ws.once('open', () =>
      resolve({
        ws,
        messages,
        hellos,
        closed,
        waitFor: (predicate, timeoutMs = 10_000) =>
          waitUntil(() => predicate(messages), timeoutMs, 'messages'),
        close: async () => {
          if (ws.readyState !== ws.CLOSED) ws.close();
          await closed;
        },
      }),
    );
  });
}

/** Connects with a fresh ticket. */
export async function connect(baseUrl: string, token: string, after?: string): Promise<CollectingSocket> {
  const ticket = await ticketFor(baseUrl, token);
  return openSocket(
    baseUrl,
    `?ticket=${encodeURIComponent(ticket)}${after !== undefined ? `&after=${after}` : ''}`,
  );
}

/** Messages' positions as BigInts, to check they strictly increase. */
export const positionsOf = (messages: RealtimeMessage[]) => messages.map((m) => BigInt(m.position));

export function strictlyIncreasing(values: bigint[]): boolean {
  return values.every((v, i) => i === 0 || v > values[i - 1]!);
}
