import {
  inViewOrder,
  toViewEvent,
  VIEW_CREATED,
  VIEW_DELETED,
  VIEW_FILTER_CHANGED,
  VIEW_RENAMED,
  VIEWS_REORDERED,
  type AnyEnvelope,
  type SavedView,
} from '@todo/contracts';

/** One view as the read model keeps it (its position is its place in the set). */
export type ViewDoc = Omit<SavedView, 'position'>;

/** A user's saved views as the read model keeps them: in order, with the stream's version. */
export interface ViewSetDoc {
  userId: string;
  version: number;
  views: ViewDoc[];
}

/**
 * The views read model's pure fold over the user's views stream. An event at or below the
 * set's version was applied already and changes nothing, so a redelivered batch is harmless.
 */
export function evolveViewSet(set: ViewSetDoc | null, envelope: AnyEnvelope): ViewSetDoc | null {
  if (set && envelope.streamversion <= set.version) return set;
  const event = toViewEvent(envelope);
  if (!event) return set;
  const base: ViewSetDoc = {
    ...(set ?? { userId: envelope.userid, views: [] }),
    version: envelope.streamversion,
  };
  const at = { version: envelope.streamversion, updatedAt: envelope.time };
  const change = (id: string, patch: Partial<ViewDoc>): ViewSetDoc => ({
    ...base,
    views: base.views.map((v) => (v.id === id ? { ...v, ...patch, ...at } : v)),
  });
  switch (event.type) {
    case VIEW_CREATED: {
      const { viewId, name, filter } = event.data;
      if (base.views.some((v) => v.id === viewId)) return base;
      return {
        ...base,
        views: [...base.views, { id: viewId, name, filter, createdAt: envelope.time, ...at }],
      };
    }
    case VIEW_RENAMED:
      return change(event.data.viewId, { name: event.data.name });
    case VIEW_FILTER_CHANGED:
      return change(event.data.viewId, { filter: event.data.filter });
    case VIEWS_REORDERED:
      return { ...base, views: inViewOrder(base.views, event.data.order) };
    case VIEW_DELETED:
      return { ...base, views: base.views.filter((v) => v.id !== event.data.viewId) };
    default: {
      const _exhaustive: never = event;
      return base;
    }
  }
}

export const toSavedViews = (set: ViewSetDoc | null): SavedView[] =>
  (set?.views ?? []).map((view, position) => ({ ...view, position }));
