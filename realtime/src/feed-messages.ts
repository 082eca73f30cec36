import {
  TASK_EVENT_TYPES,
  TASK_REMINDER_FIRED,
  VIEW_EVENT_PREFIX,
  type ListView,
  type RealtimeMessage,
  type TaskView,
} from '@todo/contracts';
import type { FeedRow } from './feed-row.ts';
import { slotOf } from './positions.ts';

export type ChangeMessage = Exclude<RealtimeMessage, { type: 'resync' | 'hello' }>;

// A row is offered to every device of its user: build (and serialise) its messages once.
const built = new WeakMap<FeedRow, ChangeMessage[]>();
const serialised = new WeakMap<object, string>();

/** JSON of a message, computed once however many connections send it. */
export function serialise(message: RealtimeMessage): string {
  let json = serialised.get(message);
  if (json === undefined) {
    json = JSON.stringify(message);
    serialised.set(message, json);
  }
  return json;
}

const encoded = new WeakMap<object, Buffer>();

/** UTF-8 bytes of a message's JSON (a WebSocket text frame's payload), computed once. */
export function encode(message: RealtimeMessage): Buffer {
  let bytes = encoded.get(message);
  if (bytes === undefined) {
    bytes = Buffer.from(serialise(message));
    encoded.set(message, bytes);
  }
  return bytes;
}

/** The messages one feed row stands for, in order, each with its own position. */
export function messagesOf(row: FeedRow): ChangeMessage[] {
  let messages = built.get(row);
  if (!messages) {
    messages = build(row);
    built.set(row, messages);
  }
  return messages;
}

const TASK_TYPES = new Set<string>(TASK_EVENT_TYPES);

/**
 * A row of no task: an event of the user's that is not a task event, on a stream no task
 * lives on (the user's API tokens stream). It keeps the user's sequence dense, but tells a
 * client of tasks nothing (it would otherwise read as "task <stream id> deleted"). The saved
 * views' rows are not such rows: they say that the views changed.
 */
export const isRowOfNoTask = (row: FeedRow): boolean =>
  row.kind === 'deleted' &&
  row.task === null &&
  !TASK_TYPES.has(row.eventType) &&
  !row.eventType.startsWith(VIEW_EVENT_PREFIX);

function build(row: FeedRow): ChangeMessage[] {
  if (isRowOfNoTask(row)) return [];
  const main = slotOf(row.userSeq, 'main').toString();
  if (row.kind === 'list-deleted') return [{ type: 'list.deleted', position: main, listId: row.taskId }];
  if (row.kind === 'list-upserted')
    return [{ type: 'list.upserted', position: main, list: row.task as ListView }];
  const taskMessage = (position: string): ChangeMessage =>
    row.kind === 'deleted' || row.task === null
      ? { type: 'task.deleted', position, taskId: row.taskId }
      : { type: 'task.upserted', position, task: row.task as TaskView };

  // The views stream is no task: its feed rows (which keep the user's sequence dense) say
  // that the saved views changed.
  if (row.eventType.startsWith(VIEW_EVENT_PREFIX)) {
    const viewId = row.eventData.viewId;
    return [{ type: 'views.changed', position: main, viewId: typeof viewId === 'string' ? viewId : null }];
  }
  if (row.eventType === TASK_REMINDER_FIRED && row.kind === 'upserted') {
    const data = row.eventData;
    return [
      taskMessage(slotOf(row.userSeq, 'before').toString()),
      {
        type: 'reminder.due',
        position: main,
        taskId: row.taskId,
        reminderId: String(data.reminderId),
        scheduledFor: String(data.scheduledFor),
        firedAt: String(data.firedAt),
      },
    ];
  }
  return [taskMessage(main)];
}

/**
 * The messages of `rows` a client at `cursor` has not received yet. A row whose messages
 * cannot be built is left out and reported (it must not stop the rows after it); the client
 * gets the task's state with its next change or reload.
 */
export function messagesAfter(
  rows: FeedRow[],
  cursor: bigint,
  onUnsendable: (row: FeedRow, error: unknown) => void = () => undefined,
): ChangeMessage[] {
  const out: ChangeMessage[] = [];
  for (const row of rows) {
    if (slotOf(row.userSeq, 'main') <= cursor) continue;
    let messages: ChangeMessage[];
    try {
      messages = messagesOf(row);
    } catch (error) {
      onUnsendable(row, error);
      continue;
    }
    for (const m of messages) if (BigInt(m.position) > cursor) out.push(m);
  }
  return out;
}
