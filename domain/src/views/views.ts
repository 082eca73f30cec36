import {
  VIEW_CREATED,
  VIEW_DELETED,
  VIEW_FILTER_CHANGED,
  VIEW_RENAMED,
  VIEWS_REORDERED,
  inViewOrder,
  type ViewEvent,
} from '@todo/contracts';

/** One saved view as the decider knows it; `version` is the stream version that last changed it. */
export interface ViewState {
  id: string;
  name: string;
  filter: string;
  version: number;
}

/** A user's saved views, in their order (first to last). */
export interface ViewsState {
  views: readonly ViewState[];
}

export const initialViewsState: ViewsState = { views: [] };

/** Folds one event of the user's views stream, written at `version` of that stream. */
export function evolveViews(state: ViewsState, event: ViewEvent, version: number): ViewsState {
  const change = (id: string, patch: Partial<ViewState>): ViewsState => ({
    views: state.views.map((v) => (v.id === id ? { ...v, ...patch, version } : v)),
  });
  switch (event.type) {
    case VIEW_CREATED: {
      const { viewId, name, filter } = event.data;
      if (state.views.some((v) => v.id === viewId)) return state;
      return { views: [...state.views, { id: viewId, name, filter, version }] };
    }
    case VIEW_RENAMED:
      return change(event.data.viewId, { name: event.data.name });
    case VIEW_FILTER_CHANGED:
      return change(event.data.viewId, { filter: event.data.filter });
    case VIEWS_REORDERED:
      return { views: inViewOrder(state.views, event.data.order) };
    case VIEW_DELETED:
      return { views: state.views.filter((v) => v.id !== event.data.viewId) };
    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
}
