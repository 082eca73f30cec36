import type { ListTasksOnDelete } from '@todo/contracts';
import { handleTaskCommand, type CommandContext, type CommandResult } from '../tasks/handle-command.ts';
import { TaskRuleViolation } from '../tasks/errors.ts';
import type { TaskEventStore } from '../tasks/task-event-store.ts';
import { handleListCommand } from './handle-list-command.ts';

/** Which tasks are in a list, once the user's writes so far are read (the read model). */
export interface ListMembers {
  taskIdsIn(userId: string, listId: string): Promise<string[]>;
}

/**
 * Deletes a list, then moves its tasks to the Inbox or deletes them, each by a command on
 * the task's own stream (caused by the list's deletion), so each task's history says so.
 * The list is deleted first: from then on no task can be filed into it, so the members read
 * afterwards are all of them. Cut short, it is repeated (a deleted list deletes again as
 * nothing and moves what is left).
 */
export async function deleteListWithTasks(
  store: TaskEventStore,
  members: ListMembers,
  listId: string,
  tasks: ListTasksOnDelete,
  context: CommandContext,
): Promise<CommandResult> {
  const deleted = await handleListCommand(store, { type: 'DeleteList', listId, tasks }, context);
  const taskContext: CommandContext = {
    userId: context.userId,
    source: context.source,
    correlationId: context.correlationId,
    causationId: deleted.eventIds[0] ?? context.causationId ?? null,
  };
  for (const taskId of await members.taskIdsIn(context.userId, listId)) {
    const command =
      tasks === 'delete'
        ? ({ type: 'DeleteTask', taskId } as const)
        : ({ type: 'UpdateTask', taskId, changes: { listId: null } } as const);
    try {
      await handleTaskCommand(store, command, taskContext);
    } catch (error) {
      // Deleted meanwhile by the user: nothing left to move.
      if (!(
        error instanceof TaskRuleViolation &&
        (error.code === 'task-not-found' || error.code === 'task-deleted')
      ))
        throw error;
    }
  }
  return deleted;
}
