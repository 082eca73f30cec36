import { toListEvent } from '@todo/contracts';
import type { TaskEventStore } from '../tasks/task-event-store.ts';
import { evolveList, initialListState, type ListState } from './list.ts';

/** A list stream as the decider sees it: its owner, version and state. */
export interface LoadedList {
  userId: string | null;
  version: number;
  state: ListState;
}

export async function loadList(store: TaskEventStore, listId: string): Promise<LoadedList> {
  const stream = await store.readStream(listId);
  const state = stream.events.reduce((s, envelope) => {
    const event = toListEvent(envelope);
    return event ? evolveList(s, event) : s;
  }, initialListState);
  return { userId: stream.userId, version: stream.version, state };
}

/**
 * Whether a task of `userId` may be filed into the list: it is the user's and not deleted
 * (an archived list still takes tasks, as a list the user can still open). A task's stream
 * id names no list (its events are no list events), so it is refused like a missing one.
 */
export async function isUsersLiveList(
  store: TaskEventStore,
  userId: string,
  listId: string,
): Promise<boolean> {
  const list = await loadList(store, listId);
  return list.userId === userId && list.state.status === 'live';
}
