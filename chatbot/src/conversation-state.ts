import type { NlIntent, NlTask, Recurrence, Reminder, TaskChanges } from '@todo/contracts';

/** What a later message may refer to; stored with the conversation as JSON. */
export interface ConversationState {
  /** The bot asked which task was meant; the answer picks one of these. */
  pending?: PendingChoice;
  /** The last write, so "undo" can send the compensating command. */
  last?: UndoRecord;
}

/** The intents that act on one existing task, named by the user's words. */
export type TargetIntent = Extract<
  NlIntent,
  'update_task' | 'complete_task' | 'reopen_task' | 'delete_task' | 'snooze_reminder'
>;

export interface PendingChoice {
  intent: TargetIntent;
  changes?: NlTask;
  snoozeUntil?: string;
  target: string;
  candidates: { id: string; title: string }[];
}

/** A task as it was before the bot changed it: enough to put it back. */
export interface TaskSnapshot {
  title: string;
  description: string;
  priority: 'none' | 'low' | 'medium' | 'high';
  tags: string[];
  dueAt: string | null;
  allDay: boolean;
  timezone: string;
  recurrence: Recurrence | null;
  reminders: Reminder[];
  /** Absent in a conversation stored before lists: the Inbox. */
  listId?: string | null;
}

export type UndoRecord =
  | { kind: 'created'; taskId: string; title: string; eventId: string }
  | { kind: 'completed'; taskId: string; title: string; eventId: string }
  | { kind: 'reopened'; taskId: string; title: string; eventId: string }
  | { kind: 'deleted'; taskId: string; title: string; eventId: string; before: TaskSnapshot }
  | { kind: 'updated'; taskId: string; title: string; eventId: string; before: TaskChanges }
  /** A snooze has no compensating command; "undo" says so instead of undoing something older. */
  | { kind: 'snoozed'; taskId: string; title: string; eventId: string };
