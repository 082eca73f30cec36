import { z } from 'zod';
import { FilterText } from './rest.ts';
import { nonBlankText } from './text.ts';

/**
 * Saved views: named filters in the user's order (issue 14 item 3). One stream per user
 * holds all of that user's views, so the order and the bound on their number are decided
 * against one state; each view carries the version of the last event that changed it, which
 * is what `If-Match` on that view compares with.
 */
export const VIEW_NAME_MAX = 60;
export const VIEWS_MAX_PER_USER = 50;
/** A view's count stops at this many tasks (the SPA shows "999+"): a count is bounded work. */
export const VIEW_COUNT_CAP = 1000;

export const VIEW_CREATED = 'todo.view.created.v1';
export const VIEW_RENAMED = 'todo.view.renamed.v1';
export const VIEW_FILTER_CHANGED = 'todo.view.filter-changed.v1';
export const VIEWS_REORDERED = 'todo.view.reordered.v1';
export const VIEW_DELETED = 'todo.view.deleted.v1';
/** Every view event's type starts so: the realtime feed tells them from task events by it. */
export const VIEW_EVENT_PREFIX = 'todo.view.';

export const ViewId = z.uuid({ message: 'must be a view id (UUID)' });
export const ViewName = nonBlankText('name must not be empty').max(
  VIEW_NAME_MAX,
  `a view's name is at most ${VIEW_NAME_MAX} characters`,
);

// Stored shapes stay lenient (an event written before a rule was tightened must still load).
const StoredName = z.string().min(1);
const StoredFilter = z.string();

export const ViewCreatedData = z.strictObject({ viewId: z.string(), name: StoredName, filter: StoredFilter });
export const ViewRenamedData = z.strictObject({ viewId: z.string(), name: StoredName });
export const ViewFilterChangedData = z.strictObject({ viewId: z.string(), filter: StoredFilter });
/** The whole order, first to last: every view of the user, each once. */
export const ViewsReorderedData = z.strictObject({ order: z.array(z.string()) });
export const ViewDeletedData = z.strictObject({ viewId: z.string() });

export const ViewEvent = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal(VIEW_CREATED), data: ViewCreatedData }),
  z.strictObject({ type: z.literal(VIEW_RENAMED), data: ViewRenamedData }),
  z.strictObject({ type: z.literal(VIEW_FILTER_CHANGED), data: ViewFilterChangedData }),
  z.strictObject({ type: z.literal(VIEWS_REORDERED), data: ViewsReorderedData }),
  z.strictObject({ type: z.literal(VIEW_DELETED), data: ViewDeletedData }),
]);
export type ViewEvent = z.infer<typeof ViewEvent>;

/** The view event carried by an envelope, validated; null for other event types. */
export function toViewEvent(envelope: { type: string; data: unknown }): ViewEvent | null {
  if (!envelope.type.startsWith(VIEW_EVENT_PREFIX)) return null;
  const parsed = ViewEvent.safeParse({ type: envelope.type, data: envelope.data });
  return parsed.success ? parsed.data : null;
}

/**
 * The views in `order`; a view the order leaves out keeps its place after the named ones
 * (the decider only writes whole orders, but a fold never loses a view). Shared by the
 * decider and the projection, so both read a reorder alike.
 */
export function inViewOrder<V extends { id: string }>(views: readonly V[], order: readonly string[]): V[] {
  const rank = new Map(order.map((id, i) => [id, i]));
  return views
    .map((view, i) => ({ view, key: rank.get(view.id) ?? order.length + i }))
    .sort((a, b) => a.key - b.key)
    .map((entry) => entry.view);
}

export type ViewCommand =
  | { type: 'CreateView'; viewId: string; name: string; filter: string }
  /** Rename, change the filter, or both at once (one decision, up to two events). */
  | { type: 'UpdateView'; viewId: string; name?: string; filter?: string; expectedVersion?: number }
  | { type: 'ReorderViews'; order: string[] }
  | { type: 'DeleteView'; viewId: string; expectedVersion?: number };

// REST bodies.
export const CreateViewBody = z.strictObject({ name: ViewName, filter: FilterText });
export type CreateViewBody = z.infer<typeof CreateViewBody>;

export const PatchViewBody = z
  .strictObject({ name: ViewName.optional(), filter: FilterText.optional() })
  .refine((body) => body.name !== undefined || body.filter !== undefined, {
    message: 'send name, filter or both',
  });
export type PatchViewBody = z.infer<typeof PatchViewBody>;

export const ReorderViewsBody = z.strictObject({
  order: z
    .array(ViewId)
    .max(VIEWS_MAX_PER_USER)
    .meta({ description: 'Every view id of the user, each once, first to last.' }),
});
export type ReorderViewsBody = z.infer<typeof ReorderViewsBody>;

export const ViewIdParams = z.strictObject({ id: ViewId });

export const SavedView = z.object({
  id: z.string(),
  name: z.string(),
  filter: z.string(),
  /** 0 for the first view in the user's order. */
  position: z.number().int(),
  /** The version to send as `If-Match` to change or delete this view. */
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SavedView = z.infer<typeof SavedView>;

export const SavedViewWithCount = SavedView.extend({
  /**
   * Tasks the filter matches now, in the user's time zone (open ones, or all when the filter
   * mentions `completed`, as the list does), at most VIEW_COUNT_CAP; null when the filter can
   * no longer be read (a date the language engine no longer understands).
   */
  count: z.number().int().nullable(),
  /** True when there are at least VIEW_COUNT_CAP: the count stopped there. */
  countCapped: z.boolean(),
});
export type SavedViewWithCount = z.infer<typeof SavedViewWithCount>;

export const SavedViewList = z.object({
  items: z.array(SavedViewWithCount),
  /** The version of the user's views as a whole: `If-Match` of a reorder. */
  version: z.number().int(),
});
export type SavedViewList = z.infer<typeof SavedViewList>;
