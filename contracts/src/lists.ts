import { z } from 'zod';
import { nonBlankText } from './text.ts';

/**
 * Lists (Todoist's projects): one stream per list, its id the stream id. A task belongs to
 * at most one list (`listId` of its fields); a task with none is in the Inbox, which is no
 * list at all: every user has it from the start and it never needs an event.
 */
export const LIST_CREATED = 'todo.list.created.v1';
export const LIST_RENAMED = 'todo.list.renamed.v1';
export const LIST_RECOLOURED = 'todo.list.recoloured.v1';
export const LIST_REORDERED = 'todo.list.reordered.v1';
export const LIST_ARCHIVED = 'todo.list.archived.v1';
export const LIST_UNARCHIVED = 'todo.list.unarchived.v1';
export const LIST_DELETED = 'todo.list.deleted.v1';

export const LIST_NAME_MAX = 100;
/**
 * The Inbox as a list key: the nil UUID, which no list has. Filters and the read model's
 * index use it for "no list", so that a condition on the list is never NULL.
 */
export const INBOX_LIST_KEY = '00000000-0000-0000-0000-000000000000';
/** The Inbox's name in quick add and filters (`#Inbox`); no list event ever names it. */
export const INBOX_NAME = 'Inbox';

export const ListId = z.uuid({ message: 'must be a list id (UUID)' });
// `#` starts a list in quick add and filters, `,` separates filters, `@` starts a label.
export const ListName = nonBlankText('a list name must not be empty')
  .max(LIST_NAME_MAX)
  // Every rule is a pattern, so the published schema says it all. A list may be called
  // Inbox too: `#Inbox` then names it as well as the tasks in no list.
  .regex(/^[^#,@]*$/u, 'a list name has no #, @ or commas');
export const ListColour = z
  .string()
  .regex(/^#[0-9a-f]{6}$/u, 'a colour is #rrggbb in lower-case hex')
  .meta({ example: '#db4035' });
export const ListOrder = z.int().min(0).max(1_000_000);

const StoredName = z.string().min(1).max(LIST_NAME_MAX);

export const ListCreatedData = z.strictObject({ name: StoredName, colour: ListColour, order: ListOrder });
export const ListRenamedData = z.strictObject({ name: StoredName });
export const ListRecolouredData = z.strictObject({ colour: ListColour });
export const ListReorderedData = z.strictObject({ order: ListOrder });
/** What became of the list's tasks: the Inbox, or deleted (asked for explicitly). */
export const ListTasksOnDelete = z.enum(['inbox', 'delete']);
export type ListTasksOnDelete = z.infer<typeof ListTasksOnDelete>;
export const ListDeletedData = z.strictObject({ tasks: ListTasksOnDelete });

export const ListEvent = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal(LIST_CREATED), data: ListCreatedData }),
  z.strictObject({ type: z.literal(LIST_RENAMED), data: ListRenamedData }),
  z.strictObject({ type: z.literal(LIST_RECOLOURED), data: ListRecolouredData }),
  z.strictObject({ type: z.literal(LIST_REORDERED), data: ListReorderedData }),
  z.strictObject({ type: z.literal(LIST_ARCHIVED), data: z.strictObject({}) }),
  z.strictObject({ type: z.literal(LIST_UNARCHIVED), data: z.strictObject({}) }),
  z.strictObject({ type: z.literal(LIST_DELETED), data: ListDeletedData }),
]);
export type ListEvent = z.infer<typeof ListEvent>;

export const isListEventType = (type: string): boolean => type.startsWith('todo.list.');

/** The list event carried by an envelope, validated; null for other event types. */
export function toListEvent(envelope: { type: string; data: unknown }): ListEvent | null {
  if (!isListEventType(envelope.type)) return null;
  const parsed = ListEvent.safeParse({ type: envelope.type, data: envelope.data });
  return parsed.success ? parsed.data : null;
}

/** What a user may change of a list; each changed part is its own event. */
export interface ListChanges {
  name?: string;
  colour?: string;
  order?: number;
  archived?: boolean;
}

export type ListCommand =
  | { type: 'CreateList'; listId: string; name: string; colour: string; order: number }
  | { type: 'UpdateList'; listId: string; changes: ListChanges }
  | { type: 'DeleteList'; listId: string; tasks: ListTasksOnDelete };

export const DEFAULT_LIST_COLOUR = '#808080';

export const CreateListBody = z.strictObject({
  name: ListName,
  colour: ListColour.optional(),
  order: ListOrder.optional(),
});
export type CreateListBody = z.infer<typeof CreateListBody>;

export const PatchListBody = z
  .strictObject({
    name: ListName.optional(),
    colour: ListColour.optional(),
    order: ListOrder.optional(),
    archived: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'give at least one field to change' })
  .meta({ minProperties: 1 });
export type PatchListBody = z.infer<typeof PatchListBody>;

export const ListIdParams = z.strictObject({ id: ListId });
export const DeleteListQuery = z.strictObject({
  tasks: ListTasksOnDelete.default('inbox').meta({
    description: 'What becomes of the list’s tasks: moved to the Inbox (default) or deleted',
  }),
});
export const ListListQuery = z.strictObject({
  archived: z
    .enum(['true', 'false'])
    .optional()
    .meta({ description: 'true: archived lists too (default: only the active ones)' }),
});

export const ListView = z.object({
  id: z.string(),
  name: z.string(),
  colour: z.string(),
  order: z.number().int(),
  archived: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type ListView = z.infer<typeof ListView>;
export const ListList = z.object({ items: z.array(ListView) });
export type ListList = z.infer<typeof ListList>;
