import { z } from 'zod';
import {
  Description,
  Instant,
  Priority,
  Recurrence,
  RemindersInput,
  Tags,
  TaskFieldsSchema,
  TaskStatus,
  TimeZone,
  Title,
} from './task-fields.ts';
import { SequenceNumber } from './sequence-number.ts';
import { ListId } from './lists.ts';
import { nonBlankText, SafeText } from './text.ts';
import { FILTER_MAX_LENGTH, type FilterError } from './filter/ast.ts';
import { parseFilter } from './filter/parse-filter.ts';
import { ApiScope, AUTH_METHODS } from './api-tokens.ts';

/** Request and response bodies of the REST API, shared by the services and the SPA. */

export const Email = z.email({ message: 'must be a valid email address' }).max(254).toLowerCase();
export const Password = SafeText.min(8, 'must be at least 8 characters').max(256);

// A new account's address also keeps RFC 5321's 64-character local part (the published
// `format: email` says so); log-in stays lenient for accounts made before.
export const NewEmail = Email.refine(
  (email) => email.split('@')[0]!.length <= 64,
  'the part before @ is at most 64 characters',
);
export const SignupBody = z.strictObject({ email: NewEmail, password: Password });
export type SignupBody = z.infer<typeof SignupBody>;
export const LoginBody = z.strictObject({ email: Email, password: SafeText.min(1).max(256) });
export type LoginBody = z.infer<typeof LoginBody>;

export const User = z.object({ id: z.string(), email: z.string() });
export type User = z.infer<typeof User>;
export const AuthResponse = z.object({ token: z.string(), expiresAt: z.string(), user: User });
export type AuthResponse = z.infer<typeof AuthResponse>;
/** `GET /api/me`: who the caller is, and what the credential they sent may do. */
export const Me = User.extend({
  timezone: z.string(),
  scopes: z.array(ApiScope),
  authenticatedBy: z.enum(AUTH_METHODS),
});
export type Me = z.infer<typeof Me>;

export const CreateTaskBody = z.strictObject({
  title: Title,
  description: Description.optional(),
  priority: Priority.optional(),
  tags: Tags.optional(),
  dueAt: Instant.nullable().optional(),
  allDay: z.boolean().optional(),
  timezone: TimeZone.optional(),
  recurrence: Recurrence.nullable().optional(),
  reminders: RemindersInput.optional(),
  listId: ListId.nullable().optional(),
});
export type CreateTaskBody = z.infer<typeof CreateTaskBody>;

export const PatchTaskBody = TaskFieldsSchema.extend({
  title: Title,
  description: Description,
  tags: Tags,
  reminders: RemindersInput,
})
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'give at least one field to change' })
  .meta({ minProperties: 1 });
export type PatchTaskBody = z.infer<typeof PatchTaskBody>;

export const WriteResult = z.object({ id: z.string(), version: z.number().int() });
export type WriteResult = z.infer<typeof WriteResult>;

export const TaskIdParams = z.strictObject({ id: z.uuid({ message: 'must be a task id (UUID)' }) });

// Output shapes without the input rules (RRULE grammar, instant parsing): what the server
// sends was validated when it was written, and lists of 200 tasks are serialised often.
const RecurrenceView = z.object({ rrule: z.string(), anchor: z.enum(['schedule', 'completion']) });
const ReminderView = z.union([
  z.object({ id: z.string(), at: z.string() }),
  z.object({ id: z.string(), minutesBefore: z.number() }),
]);

export const TaskView = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  priority: Priority,
  tags: z.array(z.string()),
  dueAt: z.string().nullable(),
  allDay: z.boolean(),
  timezone: z.string(),
  recurrence: RecurrenceView.nullable(),
  reminders: z.array(ReminderView),
  status: TaskStatus,
  completedAt: z.string().nullable(),
  seriesId: z.string().nullable(),
  listId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type TaskView = z.infer<typeof TaskView>;

/** Where and why a filter is refused, as one line: the 400 problem's message for `filter`. */
export function filterErrorMessage(error: FilterError): string {
  const expected = error.expected.length ? `; expected ${error.expected.join(', ')}` : '';
  return `${error.message} (at position ${error.position}${expected})`;
}

export const FilterText = SafeText.max(
  FILTER_MAX_LENGTH,
  `a filter is at most ${FILTER_MAX_LENGTH} characters`,
)
  .superRefine((text, ctx) => {
    // The length is checked above; the parser would only say it again.
    if (text.length > FILTER_MAX_LENGTH) return;
    const parsed = parseFilter(text);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: filterErrorMessage(parsed.error) });
  })
  .meta({
    description:
      'A filter in the filter language (docs/ARCHITECTURE.md, "Filter language"): e.g. `today & p1 | overdue`, `search: invoice`, `due before: next friday`, `!no date & @waiting`. `,` asks for several lists (the answer is then `groups`). Dates are days of the user\'s time zone; an unknown label or list matches nothing. A filter that mentions `completed` searches all tasks, otherwise open ones (it decides the status, `status` is not used with it).',
  });

export const SORT_FIELDS = ['due', 'priority', 'created', 'updated'] as const;
export const ListTasksQuery = z.strictObject({
  status: z.enum(['open', 'completed', 'all']).default('open'),
  priority: Priority.optional(),
  tag: nonBlankText('tag must not be empty').toLowerCase().max(40).optional(),
  q: nonBlankText('q must not be empty')
    .max(200)
    .regex(/[\p{L}\p{N}]/u, 'q needs at least one letter or digit')
    .optional(),
  dueFrom: Instant.optional().meta({
    description: `Only tasks due at or after this instant (a task due at exactly it is included). ${Instant.description}`,
  }),
  // Closed, as a person means "due from Monday to Friday": Friday's tasks are in.
  dueTo: Instant.optional().meta({
    description: `Only tasks due at or before this instant (a task due at exactly it is included). ${Instant.description}`,
  }),
  sort: z.enum(SORT_FIELDS).default('due'),
  order: z.enum(['asc', 'desc']).default('asc'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
  filter: FilterText.optional(),
  list: z
    .union([ListId, z.literal('inbox')])
    .optional()
    .meta({ description: 'Only the tasks of this list (its id), or `inbox`: those in no list' }),
});
export type ListTasksQuery = z.infer<typeof ListTasksQuery>;

export const TaskList = z.object({ items: z.array(TaskView), nextCursor: z.string().nullable() });
export type TaskList = z.infer<typeof TaskList>;

/** `filter=today, overdue`: one page per list; `filter` is the part to send to page it further. */
export const TaskListGroups = z.object({
  groups: z.array(TaskList.extend({ filter: z.string() })),
});
export type TaskListGroups = z.infer<typeof TaskListGroups>;
/** `GET /api/tasks`: one list, or groups when the filter has several lists (a `,`). */
export const TaskListResponse = z.union([TaskList, TaskListGroups]);
export type TaskListResponse = z.infer<typeof TaskListResponse>;

export const HistoryEntry = z.object({
  id: z.string(),
  taskId: z.string(),
  type: z.string(),
  time: z.string(),
  version: z.number().int(),
  position: z.string(),
  correlationId: z.string(),
  causationId: z.string().nullable(),
  data: z.unknown(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;
export const History = z.object({ items: z.array(HistoryEntry) });
export type History = z.infer<typeof History>;

export const AuditQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: SequenceNumber.optional(),
});
export const AuditPage = z.object({ items: z.array(HistoryEntry), nextCursor: z.string().nullable() });
export type AuditPage = z.infer<typeof AuditPage>;
