import type { TaskCommand } from '@todo/contracts';
import { handleTaskCommand, TaskRuleViolation, type CommandResult } from '@todo/domain';
import type { EventStore } from '@todo/platform';
import type { Turn } from './turn.ts';

/**
 * Sends the chat's commands through the same handler as the REST API, as the turn's user;
 * the decider's refusals come back as words, other errors propagate.
 */
export class ChatWriter {
  private readonly store: EventStore;
  constructor(store: EventStore) {
    this.store = store;
  }

  async attempt(turn: Turn, command: TaskCommand, causationId?: string): Promise<CommandResult | string> {
    try {
      return await handleTaskCommand(this.store, command, {
        userId: turn.userId,
        correlationId: turn.correlationId,
        causationId: causationId ?? null,
        source: '/todo/command-api/chat',
      });
    } catch (error) {
      if (error instanceof TaskRuleViolation) return error.message;
      throw error;
    }
  }
}
