import {
  filterErrorMessage,
  parseFilter,
  VIEW_CREATED,
  VIEW_DELETED,
  VIEW_FILTER_CHANGED,
  VIEW_RENAMED,
  ViewName,
  VIEWS_MAX_PER_USER,
  VIEWS_REORDERED,
  type ViewCommand,
  type ViewEvent,
} from '@todo/contracts';
import { ViewRuleViolation } from './errors.ts';
import type { ViewState, ViewsState } from './views.ts';

/** The view a command names, as of `expectedVersion` when it sends one (If-Match). */
function existing(state: ViewsState, viewId: string, expectedVersion: number | undefined): ViewState {
  const view = state.views.find((v) => v.id === viewId);
  if (!view) throw new ViewRuleViolation('view-not-found', 'no such view');
  if (expectedVersion !== undefined && expectedVersion !== view.version) {
    throw new ViewRuleViolation(
      'view-moved-on',
      `the view is at version ${view.version}, not ${expectedVersion}`,
      undefined,
      view.version,
    );
  }
  return view;
}

// The REST bodies check both already; the decider checks again so that no other way in
// (chat, a future client) can store a name or filter that a reader could not use.
function validName(name: string): string {
  const parsed = ViewName.safeParse(name);
  if (!parsed.success) throw new ViewRuleViolation('invalid-name', parsed.error.issues[0]!.message, 'name');
  return parsed.data;
}

function validFilter(filter: string): string {
  const parsed = parseFilter(filter);
  if (!parsed.ok) throw new ViewRuleViolation('invalid-filter', filterErrorMessage(parsed.error), 'filter');
  return filter;
}

function createView(command: Extract<ViewCommand, { type: 'CreateView' }>, state: ViewsState): ViewEvent[] {
  if (state.views.some((v) => v.id === command.viewId))
    throw new ViewRuleViolation('view-exists', 'the view already exists');
  if (state.views.length >= VIEWS_MAX_PER_USER)
    throw new ViewRuleViolation('too-many-views', `a user has at most ${VIEWS_MAX_PER_USER} saved views`);
  const name = validName(command.name);
  const filter = validFilter(command.filter);
  return [{ type: VIEW_CREATED, data: { viewId: command.viewId, name, filter } }];
}

function updateView(command: Extract<ViewCommand, { type: 'UpdateView' }>, state: ViewsState): ViewEvent[] {
  const view = existing(state, command.viewId, command.expectedVersion);
  const events: ViewEvent[] = [];
  if (command.name !== undefined) {
    const name = validName(command.name);
    if (name !== view.name) events.push({ type: VIEW_RENAMED, data: { viewId: view.id, name } });
  }
  if (command.filter !== undefined) {
    const filter = validFilter(command.filter);
    if (filter !== view.filter) events.push({ type: VIEW_FILTER_CHANGED, data: { viewId: view.id, filter } });
  }
  return events;
}

function reorderViews(
  command: Extract<ViewCommand, { type: 'ReorderViews' }>,
  state: ViewsState,
): ViewEvent[] {
  const current = state.views.map((v) => v.id);
  const named = new Set(command.order);
  const complete =
    named.size === command.order.length &&
    command.order.length === current.length &&
    current.every((id) => named.has(id));
  if (!complete)
    throw new ViewRuleViolation(
      'invalid-order',
      'the order must name every view of yours exactly once',
      'order',
    );
  const same = current.every((id, i) => command.order[i] === id);
  return same ? [] : [{ type: VIEWS_REORDERED, data: { order: [...command.order] } }];
}

function deleteView(command: Extract<ViewCommand, { type: 'DeleteView' }>, state: ViewsState): ViewEvent[] {
  const view = existing(state, command.viewId, command.expectedVersion);
  return [{ type: VIEW_DELETED, data: { viewId: view.id } }];
}

/** Decides a command against the user's views: the events to append (none when nothing changes). */
export function decideViews(command: ViewCommand, state: ViewsState): ViewEvent[] {
  switch (command.type) {
    case 'CreateView':
      return createView(command, state);
    case 'UpdateView':
      return updateView(command, state);
    case 'ReorderViews':
      return reorderViews(command, state);
    case 'DeleteView':
      return deleteView(command, state);
    default: {
      const _exhaustive: never = command;
      return [];
    }
  }
}
