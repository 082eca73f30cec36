import type { TaskView } from '@todo/contracts';
import { expectStatus, type Answer, type RequestOptions } from '../harness/api.ts';
import type { HostileContext } from './context.ts';
import type { Expectation } from './expectations.ts';

export interface HostileCase {
  name: string;
  send(ctx: HostileContext): Promise<Answer>;
  expect: Expectation;
}

export const as = (ctx: HostileContext, method: string, path: string, options: RequestOptions = {}) =>
  ctx.api(method, path, { token: ctx.hostile.token, ...options });

export const create = (json: unknown) => (ctx: HostileContext) => as(ctx, 'POST', '/api/tasks', { json });

export const createRaw = (raw: string | Uint8Array, contentType: string) => (ctx: HostileContext) =>
  as(ctx, 'POST', '/api/tasks', { raw, headers: { 'content-type': contentType } });

export const get = (path: string) => (ctx: HostileContext) => as(ctx, 'GET', path);

/** A fresh task of the hostile user's, to aim a change at. */
export async function ownTask(
  ctx: HostileContext,
  json: Record<string, unknown> = { title: 'target' },
): Promise<string> {
  return (
    expectStatus(await as(ctx, 'POST', '/api/tasks', { json }), 201, 'create a target').body as { id: string }
  ).id;
}

export const patchOwn = (json: unknown) => async (ctx: HostileContext) =>
  as(ctx, 'PATCH', `/api/tasks/${await ownTask(ctx)}`, { json });

/**
 * Creates a recurring task with `rrule`; if that is (wrongly) accepted, completes it as well,
 * which is what makes the next occurrence be computed. The create's answer is the one judged.
 */
export const recurringThenComplete = (rrule: string) => async (ctx: HostileContext) => {
  const created = await as(ctx, 'POST', '/api/tasks', {
    json: { title: 'never', dueAt: '2027-01-04T09:00:00Z', timezone: 'UTC', recurrence: { rrule } },
  });
  if (created.status === 201) {
    await as(ctx, 'POST', `/api/tasks/${(created.body as { id: string }).id}/complete`, {
      timeoutMs: 60_000,
    });
  }
  return created;
};

export const chat = (message: string) => (ctx: HostileContext) =>
  as(ctx, 'POST', '/api/chat', { json: { message } });

/** The stored task of a create's answer. */
export async function storedTask(ctx: HostileContext, answer: Answer): Promise<TaskView> {
  const id = (answer.body as { id: string }).id;
  return expectStatus(await as(ctx, 'GET', `/api/tasks/${id}`), 200, 'read back').body as TaskView;
}

const badText = (s: string) => s.includes('\u0000') || !s.isWellFormed();

/** What is wrong with a stored task's texts: a NUL or an unpaired surrogate kept. */
export async function textsClean(ctx: HostileContext, answer: Answer): Promise<string | null> {
  const task = await storedTask(ctx, answer);
  const texts = [task.title, task.description, ...task.tags];
  return texts.some(badText) ? `stored ${JSON.stringify(texts)}` : null;
}

const stringsIn = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : value && typeof value === 'object'
      ? Object.values(value).flatMap(stringsIn)
      : [];

/** What is wrong with a 2xx answer: a NUL or an unpaired surrogate echoed back in it. */
export async function answerClean(_ctx: HostileContext, answer: Answer): Promise<string | null> {
  return stringsIn(answer.body).some(badText) ? `answered ${answer.text.slice(0, 200)}` : null;
}
