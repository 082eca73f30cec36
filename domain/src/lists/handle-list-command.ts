import { ConcurrencyError, type ListCommand } from '@todo/contracts';
import { VersionMismatch, type CommandContext, type CommandResult } from '../tasks/handle-command.ts';
import type { TaskEventStore } from '../tasks/task-event-store.ts';
import { decideList } from './decide-list.ts';
import { ListRuleViolation } from './errors.ts';
import { loadList } from './load-list.ts';

const MAX_ATTEMPTS = 5;

/**
 * Load → decide → append for a list stream, as `handleTaskCommand` does for a task: another
 * user's list looks exactly like a missing one, If-Match refuses a moved-on version, and
 * without it a lost race is decided again on the new state.
 */
export async function handleListCommand(
  store: TaskEventStore,
  command: ListCommand,
  context: CommandContext,
): Promise<CommandResult> {
  for (let attempt = 1; ; attempt++) {
    const list =
      context.newStream && attempt === 1
        ? { userId: null, version: 0, state: { status: 'none' as const } }
        : await loadList(store, command.listId);
    const missing = list.userId === null && command.type !== 'CreateList';
    if (missing || (list.userId !== null && list.userId !== context.userId)) {
      throw new ListRuleViolation('list-not-found', 'no such list');
    }
    if (context.expectedVersion !== undefined && context.expectedVersion !== list.version) {
      throw new VersionMismatch(context.expectedVersion, list.version);
    }
    const events = decideList(command, list.state);
    if (events.length === 0) return { id: command.listId, version: list.version, eventIds: [] };
    try {
      const result = await store.append(command.listId, list.version, events, {
        userId: context.userId,
        source: context.source,
        correlationId: context.correlationId,
        causationId: context.causationId ?? null,
      });
      return { id: command.listId, version: result.version, eventIds: result.events.map((e) => e.id) };
    } catch (error) {
      const retryable = error instanceof ConcurrencyError && context.expectedVersion === undefined;
      if (!retryable || attempt >= MAX_ATTEMPTS) {
        if (error instanceof ConcurrencyError && context.expectedVersion !== undefined) {
          throw new VersionMismatch(context.expectedVersion, error.actualVersion ?? 0);
        }
        if (error instanceof ConcurrencyError && command.type === 'CreateList') {
          throw new ListRuleViolation('list-exists', 'the list already exists');
        }
        throw error;
      }
    }
  }
}
