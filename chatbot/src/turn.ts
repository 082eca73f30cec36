import type { NlListRef } from '@todo/nl';
import type { ChatAction } from '@todo/contracts';
import type { ConversationState } from './conversation-state.ts';
import type { TaskRow } from './read-model.ts';

/** One message being answered: who asks, in which zone, at which instant. */
export interface Turn {
  userId: string;
  timezone: string;
  now: Date;
  /** The user's message id: every command the turn sends carries it. */
  correlationId: string;
  /** The user's lists, which `#Name` may name (filters, new tasks, moves). */
  lists?: readonly NlListRef[];
}

/** The answer to one message, and what the next message may refer to. */
export interface Outcome {
  reply: string;
  actions?: ChatAction[];
  tasks?: TaskRow[];
  choices?: TaskRow[];
  state: ConversationState;
}
