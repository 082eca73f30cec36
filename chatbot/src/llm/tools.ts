import { z } from 'zod';

/**
 * The tools a language model may call. Each names an intent and copies phrases from the
 * user's message; none takes a user id or a task id, so whatever the model says, the chat
 * acts as the authenticated user on the tasks that user's own words match. Arguments are
 * strict: an extra property (say, "user_id") rejects the whole call.
 */
const phrase = (max = 500) => z.string().trim().min(1).max(max);

export const TOOL_ARGS = {
  create_task: z.strictObject({ text: phrase() }),
  update_task: z.strictObject({
    target: phrase(200),
    change: phrase().optional(),
    new_title: phrase().optional(),
  }),
  complete_task: z.strictObject({ target: phrase(200) }),
  reopen_task: z.strictObject({ target: phrase(200) }),
  delete_task: z.strictObject({ target: phrase(200) }),
  list_tasks: z.strictObject({ question: phrase() }),
  snooze_reminder: z.strictObject({ target: phrase(200).optional(), duration: phrase(100).optional() }),
  undo: z.strictObject({}),
  help: z.strictObject({}),
} as const;
export type ToolName = keyof typeof TOOL_ARGS;

const str = (description: string) => ({ type: 'string', description });

const DESCRIPTIONS: Record<
  ToolName,
  { description: string; properties: Record<string, unknown>; required: string[] }
> = {
  create_task: {
    description:
      'Add a new task. Copy the words describing it, including any date, time, repetition, priority, #list, @labels and reminder, in English.',
    properties: { text: str('e.g. "pay rent on the 1st of every month @home p1"') },
    required: ['text'],
  },
  update_task: {
    description:
      'Change an existing task: a new date, time, repetition, priority, tags, reminder, or a new title.',
    properties: {
      target: str('the words the user used to name the task'),
      change: str('the new date/repetition/priority/@labels/reminder, e.g. "friday at 3pm"'),
      new_title: str('the new title, only when renaming'),
    },
    required: ['target'],
  },
  complete_task: {
    description: 'Mark a task as done.',
    properties: { target: str('the words naming the task') },
    required: ['target'],
  },
  reopen_task: {
    description: 'Mark a done task as not done.',
    properties: { target: str('the words naming the task') },
    required: ['target'],
  },
  delete_task: {
    description: 'Delete one task.',
    properties: { target: str('the words naming the task') },
    required: ['target'],
  },
  list_tasks: {
    description: 'Answer a question about the user’s tasks (what is due, overdue, tagged, completed…).',
    properties: { question: str('the question in English, e.g. "overdue #work tasks"') },
    required: ['question'],
  },
  snooze_reminder: {
    description: 'Snooze a reminder.',
    properties: {
      target: str('the words naming the task'),
      duration: str('e.g. "for 15 minutes" or "until 5pm"'),
    },
    required: [],
  },
  undo: { description: 'Take back the last change made in this conversation.', properties: {}, required: [] },
  help: { description: 'Explain what you can do.', properties: {}, required: [] },
};

/** The tools in the OpenAI chat-completions format. */
export const TOOLS = (Object.keys(DESCRIPTIONS) as ToolName[]).map((name) => ({
  type: 'function' as const,
  function: {
    name,
    description: DESCRIPTIONS[name].description,
    parameters: {
      type: 'object',
      properties: DESCRIPTIONS[name].properties,
      required: DESCRIPTIONS[name].required,
      additionalProperties: false,
    },
  },
}));
