import {
  CreateTaskBody,
  INSTANT_RANGE_MESSAGE,
  isInstantInRange,
  TaskChanges,
  type ChatAction,
  type NlTask,
  type TaskCommand,
} from '@todo/contracts';
import { newTaskCommand } from '@todo/domain';
import type { Ids } from '@todo/platform';
import type { PendingChoice, TargetIntent, TaskSnapshot, UndoRecord } from './conversation-state.ts';
import type { TaskRow } from './read-model.ts';
import { changesFor } from './task-changes.ts';
import { detailsInWords, quote } from './words.ts';

/** A request that can be sent: the command, and what to say and remember once it went through. */
export interface PlannedWrite {
  command: TaskCommand;
  /** The action the reply reports (with the new version) when the command wrote an event. */
  action: Pick<ChatAction, 'kind' | 'taskId' | 'title'>;
  reply: string;
  /** Said instead of `reply` when the command changed nothing. */
  unchanged?: string;
  /** What "undo" takes back; the event id is the write's first. */
  undo: (eventId: string) => UndoRecord;
}

/** Either a write to send, or only words (the request is not complete or not valid). */
export type Plan = PlannedWrite | { reply: string };

interface Context {
  now: Date;
  timezone: string;
  ids: Ids;
}
export interface CreateRequest extends Context {
  task: NlTask;
}
export interface TargetRequest extends Context {
  task: TaskRow;
  pending: PendingChoice;
  /** The reminder a bare "snooze" means: the one that went off last. */
  reminderId?: string;
}

export interface IntentRow<R> {
  plan(request: R): Plan;
  /** The reply when the decider refuses the command. */
  refused(request: R, reason: string): string;
}

export interface TargetRow extends IntentRow<TargetRequest> {
  /** The tasks the target may name. */
  statuses: ('open' | 'completed')[];
  /** "I could not find <which> task matching …" */
  which: string;
  /** When nothing matches, the words may have been meant as a new task: say how to add one. */
  mayBeNewTask: boolean;
}

function snapshot(t: TaskRow): TaskSnapshot {
  return {
    title: t.title,
    description: t.description,
    priority: t.priority,
    tags: t.tags,
    dueAt: t.dueAt,
    allDay: t.allDay,
    timezone: t.timezone,
    recurrence: t.recurrence,
    reminders: t.reminders,
    listId: t.listId ?? null,
  };
}

const firstIssue = (error: { issues: { path: PropertyKey[]; message: string }[] }) => {
  const issue = error.issues[0]!;
  return `${issue.path.join('.')} ${issue.message}`;
};

const couldNot =
  (verb: string) =>
  ({ task }: TargetRequest, reason: string) =>
    `I could not ${verb} ${quote(task.title)}: ${reason}.`;

/** A write on one existing task: the action names it, undo records its id and title. */
function onTask(
  { task }: TargetRequest,
  kind: ChatAction['kind'],
  command: TaskCommand,
  reply: string,
  undo: (base: { taskId: string; title: string; eventId: string }) => UndoRecord,
  unchanged?: string,
): PlannedWrite {
  const base = { taskId: task.id, title: task.title };
  return {
    command,
    action: { kind, ...base },
    reply,
    ...(unchanged ? { unchanged } : {}),
    undo: (eventId) => undo({ ...base, eventId }),
  };
}

const createTask: IntentRow<CreateRequest> = {
  plan({ task, timezone, ids }) {
    if (!task.title)
      return { reply: 'What should the task be called? For example: “add buy milk tomorrow at 5pm”.' };
    const body = CreateTaskBody.safeParse({
      title: task.title,
      priority: task.priority,
      tags: task.tags,
      dueAt: task.dueAt,
      allDay: task.allDay,
      recurrence: task.recurrence,
      reminders: task.reminders,
      ...(task.listId !== undefined ? { listId: task.listId } : {}),
    });
    if (!body.success) return { reply: `I could not add that: ${firstIssue(body.error)}.` };
    // The same CreateTask as POST /api/tasks builds, in the user's zone.
    const command = newTaskCommand(body.data, { taskId: ids.next(), timezone, ids });
    const { taskId, title } = command;
    // Say what was understood; defaults (no date, no priority) go unsaid.
    const details = detailsInWords(
      {
        ...(command.dueAt ? { dueAt: command.dueAt, allDay: command.allDay } : {}),
        ...(command.priority !== 'none' ? { priority: command.priority } : {}),
        ...(task.list && command.listId !== null ? { list: task.list } : {}),
        tags: command.tags,
        recurrence: command.recurrence,
        reminders: command.reminders,
      },
      timezone,
    );
    return {
      command,
      action: { kind: 'created', taskId, title },
      reply: `Added ${quote(title)}${details ? ` — ${details}` : ''}.`,
      undo: (eventId) => ({ kind: 'created', taskId, title, eventId }),
    };
  },
  refused: (_request, reason) => `I could not add that: ${reason}.`,
};

const completeTask: TargetRow = {
  statuses: ['open'],
  which: 'an open',
  mayBeNewTask: true,
  plan(request) {
    const { task, now } = request;
    const next = task.recurrence ? ' It repeats, so the next one is on its way.' : '';
    return onTask(
      request,
      'completed',
      { type: 'CompleteTask', taskId: task.id, completedAt: now.toISOString() },
      `Done: ${quote(task.title)}.${next}`,
      (base) => ({ kind: 'completed', ...base }),
    );
  },
  refused: couldNot('complete'),
};

const reopenTask: TargetRow = {
  statuses: ['completed'],
  which: 'a completed',
  mayBeNewTask: false,
  plan: (request) =>
    onTask(
      request,
      'reopened',
      { type: 'ReopenTask', taskId: request.task.id },
      `Reopened ${quote(request.task.title)}.`,
      (base) => ({ kind: 'reopened', ...base }),
    ),
  refused: couldNot('reopen'),
};

const deleteTask: TargetRow = {
  statuses: ['open', 'completed'],
  which: 'a',
  mayBeNewTask: false,
  plan: (request) =>
    onTask(
      request,
      'deleted',
      { type: 'DeleteTask', taskId: request.task.id },
      `Deleted ${quote(request.task.title)}. Say “undo” to bring it back.`,
      (base) => ({ kind: 'deleted', ...base, before: snapshot(request.task) }),
    ),
  refused: couldNot('delete'),
};

const updateTask: TargetRow = {
  statuses: ['open'],
  which: 'an open',
  mayBeNewTask: false,
  plan(request) {
    const { task, pending, timezone, ids } = request;
    const t = quote(task.title);
    const { changes, before } = changesFor(task, pending.changes ?? {}, ids);
    if (Object.keys(changes).length === 0) return { reply: `I did not see what to change on ${t}.` };
    // The same field rules as PATCH /api/tasks/:id (an instant out of range, say).
    const checked = TaskChanges.safeParse(changes);
    if (!checked.success) return { reply: `I could not change ${t}: ${firstIssue(checked.error)}.` };
    const renamed = changes.title ? `Renamed ${t} to ${quote(changes.title)}` : `Updated ${t}`;
    const { title: _title, ...rest } = changes;
    const details = detailsInWords(rest, timezone);
    return onTask(
      request,
      'updated',
      { type: 'UpdateTask', taskId: task.id, changes },
      `${renamed}${details ? `: ${details}` : ''}.`,
      (base) => ({ kind: 'updated', ...base, title: changes.title ?? task.title, before }),
      `${t} already looks like that; nothing changed.`,
    );
  },
  refused: couldNot('change'),
};

const snoozeReminder: TargetRow = {
  statuses: ['open'],
  which: 'an open',
  mayBeNewTask: false,
  plan(request) {
    const { task, pending, reminderId, now, timezone } = request;
    const t = quote(task.title);
    const id = reminderId ?? task.reminders[0]?.id;
    if (!id) return { reply: `${t} has no reminder to snooze. Add one with “remind me …”.` };
    const until = new Date(pending.snoozeUntil ?? now.getTime() + 10 * 60_000).toISOString();
    if (!isInstantInRange(until))
      return { reply: `I could not snooze ${t}: the time ${INSTANT_RANGE_MESSAGE}.` };
    const when = detailsInWords({ dueAt: until, allDay: false }, timezone).replace(/^due /, '');
    return onTask(
      request,
      'snoozed',
      { type: 'SnoozeReminder', taskId: task.id, reminderId: id, snoozedUntil: until },
      `Snoozed the reminder for ${t} until ${when}.`,
      (base) => ({ kind: 'snoozed', ...base }),
    );
  },
  refused: couldNot('snooze'),
};

/** Every intent that writes: from what was understood to the command, the reply and the undo record. */
export const INTENTS: { create_task: IntentRow<CreateRequest> } & Record<TargetIntent, TargetRow> = {
  create_task: createTask,
  complete_task: completeTask,
  reopen_task: reopenTask,
  delete_task: deleteTask,
  update_task: updateTask,
  snooze_reminder: snoozeReminder,
};
