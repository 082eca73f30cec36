import { ConcurrencyError, toTaskEvent, type TaskCommand } from '@todo/contracts';
import { decide } from './decide.ts';
import { TaskRuleViolation } from './errors.ts';
import { evolve, initialState, type TaskState } from './task.ts';
import type { NewTaskEvent, TaskEventStore } from './task-event-store.ts';
import { isUsersLiveList } from '../lists/load-list.ts';

export interface CommandContext {
  userId: string;
  correlationId: string;
  causationId?: string | null;
  source: string;
  /** From If-Match: refuse when the task has moved on instead of retrying. */
  expectedVersion?: number;
  /** Fixed ids for the new events, so a retried saga step cannot write twice. */
  eventIds?: string[];
  /** The task id was just minted: skip reading a stream that cannot exist yet. */
  newStream?: boolean;
}

export interface CommandResult {
  id: string;
  version: number;
  /** Events written by this command (empty when it changed nothing). */
  eventIds: string[];
}

export class VersionMismatch extends Error {
  readonly actual: number;
  constructor(expected: number, actual: number) {
    super(`the task is at version ${actual}, not ${expected}`);
    this.name = 'VersionMismatch';
    this.actual = actual;
  }
}

const MAX_ATTEMPTS = 5;

/** The list a command files the task into, if any (null moves it to the Inbox). */
function listNamedBy(command: TaskCommand): string | null {
  if (command.type === 'CreateTask') return command.listId;
  if (command.type === 'UpdateTask') return command.changes.listId ?? null;
  return null;
}

/**
 * A task may only be filed into a live list of its own user; another user's list looks like
 * a missing one. The next occurrence of a recurring task follows its series into the list,
 * unless the list was deleted meanwhile: then it starts in the Inbox (refusing would end the
 * series).
 */
async function withListChecked(
  store: TaskEventStore,
  command: TaskCommand,
  userId: string,
): Promise<TaskCommand> {
  const listId = listNamedBy(command);
  if (listId === null || (await isUsersLiveList(store, userId, listId))) return command;
  if (command.type === 'CreateTask' && command.spawnedFrom) return { ...command, listId: null };
  throw new TaskRuleViolation('list-not-found', 'no such list', 'listId');
}

/**
 * Load → decide → append, the one write path for REST, chat and sagas. Another user's
 * task looks exactly like a missing one. Without If-Match a lost race is retried against
 * the new state, since the decision may still hold.
 */
export async function handleTaskCommand(
  store: TaskEventStore,
  command: TaskCommand,
  context: CommandContext,
): Promise<CommandResult> {
  command = await withListChecked(store, command, context.userId);
  for (let attempt = 1; ; attempt++) {
    // A fresh id saves the read; should the stream exist after all, the append conflicts
    // and the next attempt reads it.
    const stream =
      context.newStream && attempt === 1
        ? { userId: null, version: 0, events: [] }
        : await store.readStream(command.taskId);
    // Another user's task and a missing one get the same answer, If-Match or not: a 412
    // for one and a 404 for the other would tell an outsider which ids exist.
    const missing = stream.userId === null && command.type !== 'CreateTask';
    if (missing || (stream.userId !== null && stream.userId !== context.userId)) {
      throw new TaskRuleViolation('task-not-found', 'no such task');
    }
    if (context.expectedVersion !== undefined && context.expectedVersion !== stream.version) {
      throw new VersionMismatch(context.expectedVersion, stream.version);
    }
    const state: TaskState = stream.events
      .map(toTaskEvent)
      .reduce((s, e) => (e ? evolve(s, e) : s), initialState);
    const events = decide(command, state);
    if (events.length === 0) return { id: command.taskId, version: stream.version, eventIds: [] };
    const toAppend: NewTaskEvent[] = events.map((e, i) => ({
      ...e,
      ...(context.eventIds?.[i] ? { id: context.eventIds[i] } : {}),
    }));
    try {
      const result = await store.append(command.taskId, stream.version, toAppend, {
        userId: context.userId,
        source: context.source,
        correlationId: context.correlationId,
        causationId: context.causationId ?? null,
      });
      return { id: command.taskId, version: result.version, eventIds: result.events.map((e) => e.id) };
    } catch (error) {
      // A lost race leaves even a caller's transaction usable (the store answers it before
      // writing anything), so it is retried there too.
      const retryable = error instanceof ConcurrencyError && context.expectedVersion === undefined;
      if (!retryable || attempt >= MAX_ATTEMPTS) {
        if (error instanceof ConcurrencyError && context.expectedVersion !== undefined) {
          throw new VersionMismatch(context.expectedVersion, error.actualVersion ?? 0);
        }
        if (error instanceof ConcurrencyError && command.type === 'CreateTask') {
          throw new TaskRuleViolation('task-exists', 'the task already exists');
        }
        throw error;
      }
    }
  }
}
