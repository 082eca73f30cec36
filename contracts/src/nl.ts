import { z } from 'zod';
import { Instant, Priority, RecurrenceAnchor, TaskStatus, TimeZone } from './task-fields.ts';
import { nonBlankText, SafeText } from './text.ts';

/**
 * Natural-language entry: what the deterministic engine understood from one line of text.
 * The quick-add box, `POST /api/nl/parse` and the chatbot all share this shape.
 */
export const NL_TEXT_MAX = 2000;

export const NL_INTENTS = [
  'create_task',
  'update_task',
  'complete_task',
  'reopen_task',
  'delete_task',
  'list_tasks',
  'snooze_reminder',
  'undo',
  'help',
  'unknown',
] as const;
export const NlIntent = z.enum(NL_INTENTS);
export type NlIntent = z.infer<typeof NlIntent>;

/** Fields a span can point at; `title` has none since it is what is left over. */
export const NL_SPAN_FIELDS = [
  'intent',
  'dueAt',
  'priority',
  'tags',
  'list',
  'recurrence',
  'reminders',
  'target',
  'filter',
  'snooze',
] as const;
export const NlSpanField = z.enum(NL_SPAN_FIELDS);
export type NlSpanField = z.infer<typeof NlSpanField>;

/** `text.slice(start, end)` produced `field`; offsets are UTF-16 code units, end exclusive. */
export const NlSpan = z.object({
  field: NlSpanField,
  start: z.int().min(0),
  end: z.int().min(0),
  text: z.string(),
});
export type NlSpan = z.infer<typeof NlSpan>;

export const NlRecurrence = z.object({ rrule: z.string(), anchor: RecurrenceAnchor });
export type NlRecurrence = z.infer<typeof NlRecurrence>;

export const NlReminder = z.union([
  z.object({ minutesBefore: z.int().min(0) }),
  z.object({ at: z.string() }),
]);
export type NlReminder = z.infer<typeof NlReminder>;

/**
 * Task fields that were understood. For a create, `title` is always there; every other
 * field is present only when the text said something about it. `dueAt` carries the
 * offset of the user's zone; an all-day date is local midnight with `allDay: true`.
 */
export const NlTask = z.object({
  title: z.string().optional(),
  dueAt: z.string().optional(),
  allDay: z.boolean().optional(),
  priority: Priority.optional(),
  tags: z.array(z.string()).optional(),
  recurrence: NlRecurrence.optional(),
  reminders: z.array(NlReminder).optional(),
  /** `#Name` named one of the user's lists (null: `#Inbox`); `list` is its name as stored. */
  listId: z.string().nullable().optional(),
  list: z.string().optional(),
});
export type NlTask = z.infer<typeof NlTask>;

export const NL_DUE_RANGES = [
  'today',
  'tomorrow',
  'this_week',
  'next_week',
  'this_month',
  'overdue',
  'upcoming',
  'no_date',
] as const;
export const NlDueRange = z.enum(NL_DUE_RANGES);
export type NlDueRange = z.infer<typeof NlDueRange>;

/** A list question; `dueFrom`/`dueTo` are the resolved bounds of `due` ([from, to)). */
export const NlFilter = z.object({
  status: z.enum([...TaskStatus.options, 'all']),
  due: NlDueRange.optional(),
  dueFrom: z.string().optional(),
  dueTo: z.string().optional(),
  priority: Priority.optional(),
  tag: z.string().optional(),
  /** A list's id, or `inbox`: the question named `#Name` (a list of the user) or `#Inbox`. */
  list: z.string().optional(),
});
export type NlFilter = z.infer<typeof NlFilter>;

export const ParseResult = z.object({
  text: z.string(),
  intent: NlIntent,
  task: NlTask.optional(),
  /** The words naming an existing task (update, complete, reopen, delete, snooze). */
  target: z.string().optional(),
  filter: NlFilter.optional(),
  /** snooze_reminder: when the reminder should fire again. */
  snooze: z.object({ until: z.string() }).optional(),
  spans: z.array(NlSpan),
  /** The reference the text was read against, so a client can show "relative to…". */
  now: z.string(),
  timezone: z.string(),
});
export type ParseResult = z.infer<typeof ParseResult>;

export const NlParseBody = z.strictObject({
  text: SafeText.max(NL_TEXT_MAX, `text must be at most ${NL_TEXT_MAX} characters`),
  now: Instant.optional(),
  timezone: TimeZone.optional(),
});
export type NlParseBody = z.infer<typeof NlParseBody>;

// ---- chat ----

export const CHAT_MESSAGE_MAX = NL_TEXT_MAX;

export const ChatBody = z.strictObject({
  message: nonBlankText('message must not be empty').max(
    CHAT_MESSAGE_MAX,
    `message must be at most ${CHAT_MESSAGE_MAX} characters`,
  ),
  conversationId: z.uuid({ message: 'must be a conversation id (UUID)' }).optional(),
});
export type ChatBody = z.infer<typeof ChatBody>;

export const CHAT_ACTION_KINDS = [
  'created',
  'updated',
  'completed',
  'reopened',
  'deleted',
  'snoozed',
  'restored',
] as const;
/** A write the chatbot made; `undo` reports the compensating write with `undoes: true`. */
export const ChatAction = z.object({
  kind: z.enum(CHAT_ACTION_KINDS),
  taskId: z.string(),
  title: z.string(),
  version: z.int(),
  undoes: z.boolean().optional(),
});
export type ChatAction = z.infer<typeof ChatAction>;

/** A task the reply mentions: a listed task or a choice in a clarifying question. */
export const ChatTaskRef = z.object({
  id: z.string(),
  title: z.string(),
  dueAt: z.string().nullable(),
  allDay: z.boolean(),
  priority: Priority,
  status: TaskStatus,
});
export type ChatTaskRef = z.infer<typeof ChatTaskRef>;

export const ChatResponse = z.object({
  conversationId: z.string(),
  reply: z.string(),
  actions: z.array(ChatAction),
  tasks: z.array(ChatTaskRef).optional(),
  /** Set when the bot asked which task was meant; answer with a number or the title. */
  choices: z.array(ChatTaskRef).optional(),
});
export type ChatResponse = z.infer<typeof ChatResponse>;

export const ChatConversation = z.object({
  id: z.string(),
  title: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ChatConversation = z.infer<typeof ChatConversation>;
export const ChatConversationList = z.object({ items: z.array(ChatConversation) });
export type ChatConversationList = z.infer<typeof ChatConversationList>;

export const ChatMessage = z.object({
  id: z.string(),
  role: z.enum(['user', 'assistant']),
  text: z.string(),
  actions: z.array(ChatAction),
  createdAt: z.string(),
});
export type ChatMessage = z.infer<typeof ChatMessage>;
export const ChatMessageList = z.object({ items: z.array(ChatMessage) });
export type ChatMessageList = z.infer<typeof ChatMessageList>;

export const ConversationIdParams = z.strictObject({
  id: z.uuid({ message: 'must be a conversation id (UUID)' }),
});
