import type { ChatAction, TaskCommand } from '@todo/contracts';
import type { UndoRecord } from './conversation-state.ts';
import { detailsInWords, quote } from './words.ts';

/** The command that takes the last action back, what the reply says, and the action it reports. */
export interface Compensating {
  command: TaskCommand;
  /** The event being taken back: the compensating event is caused by it. */
  causationId: string;
  action: Pick<ChatAction, 'kind' | 'taskId' | 'title'>;
  reply: string;
}

/** Nothing to send: only words (nothing to undo, or an action that cannot be taken back). */
export interface NoCompensation {
  reply: string;
}

export interface UndoContext {
  now: Date;
  timezone: string;
  /** Asked only when a deleted task comes back, which makes it a new task. */
  newTaskId: () => string;
}

/** How "undo" takes back the conversation's last action; pure, so given/when/then tests it. */
export function compensationFor(
  last: UndoRecord | undefined,
  context: UndoContext,
): Compensating | NoCompensation {
  if (!last) return { reply: 'There is nothing for me to undo in this conversation.' };
  const t = quote(last.title);
  const { taskId, title, eventId: causationId } = last;
  switch (last.kind) {
    case 'created':
      return {
        command: { type: 'DeleteTask', taskId },
        causationId,
        action: { kind: 'deleted', taskId, title },
        reply: `Undone: I removed ${t} again.`,
      };
    case 'completed':
      return {
        command: { type: 'ReopenTask', taskId },
        causationId,
        action: { kind: 'reopened', taskId, title },
        reply: `Undone: ${t} is open again.`,
      };
    case 'reopened':
      return {
        command: { type: 'CompleteTask', taskId, completedAt: context.now.toISOString() },
        causationId,
        action: { kind: 'completed', taskId, title },
        reply: `Undone: ${t} is completed again.`,
      };
    case 'updated': {
      const { title: _title, ...rest } = last.before;
      const details = detailsInWords(rest, context.timezone);
      const name = last.before.title ? quote(last.before.title) : t;
      return {
        command: { type: 'UpdateTask', taskId, changes: last.before },
        causationId,
        action: { kind: 'updated', taskId, title },
        reply: `Undone: ${name} is back as it was${details ? ` (${details})` : ''}.`,
      };
    }
    case 'deleted': {
      // A deleted task stays deleted in its history; undo brings it back as a new task.
      const restoredId = context.newTaskId();
      const b = last.before;
      return {
        command: {
          type: 'CreateTask',
          taskId: restoredId,
          ...b,
          listId: b.listId ?? null,
          seriesId: b.recurrence ? restoredId : null,
          spawnedFrom: null,
        },
        causationId,
        action: { kind: 'restored', taskId: restoredId, title },
        reply: `Undone: ${t} is back.`,
      };
    }
    case 'snoozed':
      return { reply: 'A snooze cannot be taken back; snooze again to pick another time.' };
  }
}
