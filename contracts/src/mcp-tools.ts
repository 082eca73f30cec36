import { z } from 'zod';
import { NL_TEXT_MAX } from './nl.ts';
import { CreateTaskBody, ListTasksQuery, PatchTaskBody, TaskIdParams } from './rest.ts';
import { ReminderParams } from './saga-rest.ts';
import { SnoozeBody } from './saga-events.ts';
import { Instant } from './task-fields.ts';
import { nonBlankText } from './text.ts';

/**
 * The input of each tool of the MCP server (`@todo/mcp`). They are the REST request bodies
 * and parameters, with the same field names, so a refusal names a field the same way over
 * MCP as over REST.
 */

export const MCP_ADD_TASKS_MAX = 50;

/** Words the NL engine reads ("pay rent every month on the 1st p1"): the same as quick-add. */
const NlText = nonBlankText('text must not be empty').max(
  NL_TEXT_MAX,
  `text must be at most ${NL_TEXT_MAX} characters`,
);

/** The optimistic-concurrency check of REST's If-Match: the change applies only at this version. */
const ExpectedVersion = z.int().min(1).optional().meta({
  description: 'The version the change is meant for (REST If-Match); refused if the task has moved on.',
});

// The Idempotency-Key rule of REST, a little shorter: each task of a call gets `<key>-<n>`.
const IdempotencyKey = z
  .string()
  .regex(/^[\x21-\x7e]{1,190}$/, 'must be 1-190 visible ASCII characters')
  .optional()
  .meta({
    description:
      'Send the same key again when retrying the same call: no task is created twice (REST Idempotency-Key).',
  });

/** A new task as REST takes it, or a line of natural language, or both (the fields win). */
export const McpNewTask = CreateTaskBody.partial({ title: true })
  .extend({
    text: NlText.optional().meta({
      description:
        'The task in plain English, read by the NL engine: "call mum tomorrow 6pm #family p1 remind me 30 minutes before", "water plants every 3 days".',
    }),
  })
  .refine((task) => task.title !== undefined || task.text !== undefined, {
    message: 'give a title or a text',
    path: ['title'],
  });
export type McpNewTask = z.infer<typeof McpNewTask>;

export const AddTasksInput = z.strictObject({
  tasks: z
    .array(McpNewTask)
    .min(1, 'give at least one task')
    .max(MCP_ADD_TASKS_MAX, `at most ${MCP_ADD_TASKS_MAX} tasks per call`),
  idempotencyKey: IdempotencyKey,
});
export type AddTasksInput = z.infer<typeof AddTasksInput>;

/** The list query of `GET /api/tasks`: `q` searches the text, `filter` is the filter language. */
export const FindTasksInput = ListTasksQuery;
export type FindTasksInput = z.infer<typeof FindTasksInput>;

export const TaskRefInput = TaskIdParams.extend({ version: ExpectedVersion });
export type TaskRefInput = z.infer<typeof TaskRefInput>;

export const UpdateTaskInput = TaskRefInput.extend({ changes: PatchTaskBody });
export type UpdateTaskInput = z.infer<typeof UpdateTaskInput>;

export const RescheduleTaskInput = TaskRefInput.extend({
  dueAt: Instant.nullable()
    .optional()
    .meta({ description: 'The new due instant; null takes the date away.' }),
  when: NlText.optional().meta({
    description: 'The new date in plain English instead of dueAt: "next monday 9am", "in 3 days".',
  }),
}).refine((input) => (input.dueAt === undefined) !== (input.when === undefined), {
  message: 'give either dueAt or when',
  path: ['dueAt'],
});
export type RescheduleTaskInput = z.infer<typeof RescheduleTaskInput>;

export const SnoozeReminderInput = ReminderParams.extend(SnoozeBody.shape);
export type SnoozeReminderInput = z.infer<typeof SnoozeReminderInput>;

export const TaskHistoryInput = TaskIdParams;
export type TaskHistoryInput = z.infer<typeof TaskHistoryInput>;

export const OverviewInput = z.strictObject({
  upcomingDays: z
    .int()
    .min(1)
    .max(60)
    .default(7)
    .meta({ description: 'How many days after today count as upcoming.' }),
});
export type OverviewInput = z.infer<typeof OverviewInput>;
