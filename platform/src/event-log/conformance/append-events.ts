import { randomUUID } from 'node:crypto';
import type { AnyEnvelope } from '@todo/contracts';
import type { EventStore } from '../../event-store/event-store.ts';

/** Writes `count` events to a new task stream of `userId` in one append, as a command would. */
export async function appendTestEvents(
  store: EventStore,
  userId: string,
  count: number,
): Promise<AnyEnvelope[]> {
  const result = await store.append(
    randomUUID(),
    0,
    Array.from({ length: count }, (_, n) => ({ type: 'todo.test.happened.v1', data: { n } })),
    { userId, source: 'conformance', correlationId: randomUUID() },
  );
  return result.events;
}
