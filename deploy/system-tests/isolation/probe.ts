import { randomBytes, randomUUID } from 'node:crypto';
import type { Footprint } from './footprint.ts';
import { describeOperation, type Operation } from './openapi.ts';
import { sampleValue, type Hints } from './sample-value.ts';

/** What a probe puts where the route expects the user's own ids, cursors and positions. */
export interface ProbeValues {
  task: string;
  conversation: string;
  view: string;
  list: string;
  importJob: string;
  /** A calendar feed secret nobody has: the secret in a feed's URL is its credential. */
  feedSecret: string;
  reminder: string;
  apiToken: string;
  cursors: Record<string, string>;
  position: string;
  idempotencyKey: string;
  version: number;
  email: string;
  /** Said in chat and NL text: the word the victim's titles carry. */
  word: string;
}

export const valuesOf = (f: Footprint): ProbeValues => ({
  task: f.taskId,
  conversation: f.conversationId,
  view: f.viewId,
  list: f.listId,
  importJob: f.importJobId,
  feedSecret: randomBytes(32).toString('base64url'),
  reminder: f.reminderId,
  apiToken: f.apiTokenId,
  cursors: { '/api/tasks': f.listCursor, '/api/audit': f.auditCursor, '/api/views/{id}/tasks': f.viewCursor },
  position: f.lastPosition,
  idempotencyKey: f.idempotencyKey,
  version: f.taskVersion,
  email: f.account.email,
  word: f.publicWord,
});

/** The same request aimed at nothing: ids nobody has. */
export const missingValues = (like: ProbeValues): ProbeValues => ({
  ...like,
  task: randomUUID(),
  conversation: randomUUID(),
  view: randomUUID(),
  list: randomUUID(),
  importJob: randomUUID(),
  apiToken: randomUUID(),
});

export interface ProbeRequest {
  label: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  json: unknown;
  /** The values placed in the request (an answer may echo them; that is no leak). */
  sent: string[];
  /** Whether the route names a resource by id (then it must answer like for a missing one). */
  namesResource: boolean;
}

/** What the `{param}` of a path names, from the path segment before it. */
function resourceOf(op: Operation, name: string, values: ProbeValues): string {
  const segments = op.path.split('/');
  const before = segments[segments.indexOf(`{${name}}`) - 1];
  if (before === 'tasks') return values.task;
  if (before === 'conversations') return values.conversation;
  if (before === 'views') return values.view;
  if (before === 'lists') return values.list;
  if (before === 'jobs') return values.importJob;
  if (before === 'feeds') return values.feedSecret;
  if (before === 'reminders') return values.reminder;
  if (before === 'tokens') return values.apiToken;
  throw new Error(
    `the isolation probe does not know what {${name}} in ${describeOperation(op)} names: teach resourceOf`,
  );
}

function queryValue(op: Operation, name: string, values: ProbeValues): string | undefined {
  if (name === 'cursor') {
    const cursor = values.cursors[op.path];
    if (!cursor) throw new Error(`no cursor of the victim's for ${describeOperation(op)}: teach valuesOf`);
    return cursor;
  }
  if (name === 'after') return values.position;
  return undefined;
}

function headerValue(name: string, values: ProbeValues): string | undefined {
  switch (name) {
    case 'idempotency-key':
      return values.idempotencyKey;
    case 'if-match':
      return `"${values.version}"`;
    case 'last-event-id':
      return values.position;
    default:
      return undefined;
  }
}

const bodyHints = (values: ProbeValues): Hints => ({
  conversationId: values.conversation,
  email: values.email,
  password: 'not the password',
  message: `complete ${values.word}`,
  text: `${values.word} tomorrow`,
  url: 'http://127.0.0.1:9/probe',
  rrule: 'FREQ=WEEKLY',
  timezone: 'Pacific/Auckland',
  minutes: 10,
  title: `${values.word} probe`,
});

/**
 * The request for one documented operation with `values` wherever the route takes a user's
 * ids, cursors, positions or keys; required parameters without such a meaning get a sample.
 */
export function probeRequest(op: Operation, values: ProbeValues, baseUrl: string): ProbeRequest {
  const sent: string[] = [];
  let namesResource = false;
  const headers: Record<string, string> = {};
  const query = new URLSearchParams();
  let path = op.path;
  for (const p of op.parameters) {
    if (p.in === 'path') {
      const value = resourceOf(op, p.name, values);
      path = path.replace(`{${p.name}}`, encodeURIComponent(value));
      if ([values.task, values.conversation, values.apiToken, values.importJob].includes(value))
        namesResource = true;
      sent.push(value);
    } else if (p.in === 'query') {
      const value = queryValue(op, p.name, values);
      if (value !== undefined) query.set(p.name, value);
      else if (p.required) query.set(p.name, String(sampleValue(p.schema ?? {}, p.name, {})));
      if (value !== undefined) sent.push(value);
    } else if (p.in === 'header') {
      const value = headerValue(p.name, values);
      if (value !== undefined) {
        headers[p.name] = value;
        sent.push(value);
      }
    }
  }
  const json = op.body ? sampleValue(op.body, '', bodyHints(values)) : undefined;
  if (json && typeof json === 'object') {
    const body = json as Record<string, unknown>;
    if (body.conversationId === values.conversation) namesResource = true;
    for (const v of Object.values(body)) if (typeof v === 'string') sent.push(v);
  }
  const search = query.toString();
  return {
    label: describeOperation(op),
    method: op.method,
    url: `${baseUrl}${path}${search ? `?${search}` : ''}`,
    headers,
    json,
    sent,
    namesResource,
  };
}

export interface ProbeAnswer {
  status: number;
  contentType: string;
  /** The body with every value the request sent replaced by `<sent>`. */
  text: string;
}

/** Sends it; a stream (text/event-stream) is read for a bounded while, then closed. */
export async function sendProbe(
  request: ProbeRequest,
  token: string,
  streamReadMs = 1000,
): Promise<ProbeAnswer> {
  const controller = new AbortController();
  const giveUp = setTimeout(() => controller.abort(), 30_000);
  try {
    const res = await fetch(request.url, {
      method: request.method,
      headers: {
        ...request.headers,
        authorization: `Bearer ${token}`,
        ...(request.json !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(request.json !== undefined ? { body: JSON.stringify(request.json) } : {}),
      signal: controller.signal,
    });
    const contentType = res.headers.get('content-type') ?? '';
    let text = '';
    if (contentType.startsWith('text/event-stream') && res.body) {
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      const stop = setTimeout(() => controller.abort(), streamReadMs);
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          text += decoder.decode(value, { stream: true });
        }
      } catch {
        // closed after the bounded read
      } finally {
        clearTimeout(stop);
      }
    } else {
      text = await res.text();
    }
    for (const value of [...request.sent].sort((a, b) => b.length - a.length)) {
      if (value) text = text.replaceAll(value, '<sent>');
    }
    return { status: res.status, contentType, text };
  } finally {
    clearTimeout(giveUp);
  }
}

/** The canaries an answer shows: anything of the victim's it should never have seen. */
export const leaked = (answer: { text: string }, canaries: string[]) =>
  canaries.filter((canary) => answer.text.includes(canary));
