import {
  LIST_ARCHIVED,
  LIST_CREATED,
  LIST_DELETED,
  LIST_RECOLOURED,
  LIST_RENAMED,
  LIST_REORDERED,
  LIST_UNARCHIVED,
  type ListCommand,
  type ListEvent,
} from '@todo/contracts';
import { ListRuleViolation } from './errors.ts';
import type { ListState } from './list.ts';

type Live = Extract<ListState, { status: 'live' }>;

// A deleted list is gone for its owner as for anyone: the same answer as a missing one.
function requireLive(state: ListState): Live {
  if (state.status !== 'live') throw new ListRuleViolation('list-not-found', 'no such list');
  return state;
}

function createList(command: Extract<ListCommand, { type: 'CreateList' }>, state: ListState): ListEvent[] {
  if (state.status !== 'none') throw new ListRuleViolation('list-exists', 'the list already exists');
  const { name, colour, order } = command;
  return [{ type: LIST_CREATED, data: { name, colour, order } }];
}

/** One event per part that changes; nothing when nothing does. */
function updateList(command: Extract<ListCommand, { type: 'UpdateList' }>, state: ListState): ListEvent[] {
  const live = requireLive(state);
  const { name, colour, order, archived } = command.changes;
  const events: ListEvent[] = [];
  if (name !== undefined && name !== live.name) events.push({ type: LIST_RENAMED, data: { name } });
  if (colour !== undefined && colour !== live.colour)
    events.push({ type: LIST_RECOLOURED, data: { colour } });
  if (order !== undefined && order !== live.order) events.push({ type: LIST_REORDERED, data: { order } });
  if (archived !== undefined && archived !== live.archived)
    events.push({ type: archived ? LIST_ARCHIVED : LIST_UNARCHIVED, data: {} });
  return events;
}

/**
 * Deleting records what becomes of the tasks; the tasks themselves are moved (or deleted)
 * by commands on their own streams (see `deleteListWithTasks`). Deleting a deleted list
 * again changes nothing, so that a delete cut short can be repeated to finish moving its tasks.
 */
function deleteList(command: Extract<ListCommand, { type: 'DeleteList' }>, state: ListState): ListEvent[] {
  if (state.status === 'deleted') return [];
  requireLive(state);
  return [{ type: LIST_DELETED, data: { tasks: command.tasks } }];
}

export function decideList(command: ListCommand, state: ListState): ListEvent[] {
  switch (command.type) {
    case 'CreateList':
      return createList(command, state);
    case 'UpdateList':
      return updateList(command, state);
    case 'DeleteList':
      return deleteList(command, state);
    default: {
      const _exhaustive: never = command;
      throw new Error(`unknown command ${JSON.stringify(_exhaustive)}`);
    }
  }
}
