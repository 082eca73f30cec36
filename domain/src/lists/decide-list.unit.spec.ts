import { describe, it } from '@jest/globals';
import {
  LIST_ARCHIVED,
  LIST_CREATED,
  LIST_DELETED,
  LIST_RECOLOURED,
  LIST_RENAMED,
  LIST_REORDERED,
  LIST_UNARCHIVED,
  type ListEvent,
} from '@todo/contracts';
import { givenList } from '../testing/given-list.ts';

const listId = '0f5e8d3c-9a1b-4c2d-8e7f-6a5b4c3d2e1f';
const created: ListEvent = { type: LIST_CREATED, data: { name: 'Work', colour: '#db4035', order: 1 } };
const deleted: ListEvent = { type: LIST_DELETED, data: { tasks: 'inbox' } };

describe('the list decider', () => {
  it('creates a list with its name, colour and order', () => {
    givenList([])
      .when({ type: 'CreateList', listId, name: 'Work', colour: '#db4035', order: 1 })
      .then([created]);
  });

  it('refuses to create a list twice', () => {
    givenList([created])
      .when({ type: 'CreateList', listId, name: 'Work', colour: '#db4035', order: 1 })
      .thenRefuses('list-exists');
  });

  it('renames, recolours, reorders and archives, one event per part that changes', () => {
    givenList([created])
      .when({
        type: 'UpdateList',
        listId,
        changes: { name: 'Job', colour: '#14aaf5', order: 4, archived: true },
      })
      .then([
        { type: LIST_RENAMED, data: { name: 'Job' } },
        { type: LIST_RECOLOURED, data: { colour: '#14aaf5' } },
        { type: LIST_REORDERED, data: { order: 4 } },
        { type: LIST_ARCHIVED, data: {} },
      ]);
  });

  it('records nothing for parts that stay the same', () => {
    givenList([created])
      .when({
        type: 'UpdateList',
        listId,
        changes: { name: 'Work', colour: '#db4035', order: 1, archived: false },
      })
      .then([]);
  });

  it('unarchives an archived list', () => {
    givenList([created, { type: LIST_ARCHIVED, data: {} }])
      .when({ type: 'UpdateList', listId, changes: { archived: false } })
      .then([{ type: LIST_UNARCHIVED, data: {} }]);
  });

  it('renames after an earlier rename, from the name it has now', () => {
    givenList([created, { type: LIST_RENAMED, data: { name: 'Job' } }])
      .when({ type: 'UpdateList', listId, changes: { name: 'Work' } })
      .then([{ type: LIST_RENAMED, data: { name: 'Work' } }]);
  });

  it('refuses to change a list that does not exist or was deleted', () => {
    givenList([])
      .when({ type: 'UpdateList', listId, changes: { name: 'x' } })
      .thenRefuses('list-not-found');
    givenList([created, deleted])
      .when({ type: 'UpdateList', listId, changes: { name: 'x' } })
      .thenRefuses('list-not-found');
  });

  it('deletes a list, saying what becomes of its tasks', () => {
    givenList([created])
      .when({ type: 'DeleteList', listId, tasks: 'delete' })
      .then([{ type: LIST_DELETED, data: { tasks: 'delete' } }]);
  });

  it('deletes a deleted list as nothing, so that a delete cut short can be repeated', () => {
    givenList([created, deleted]).when({ type: 'DeleteList', listId, tasks: 'inbox' }).then([]);
  });

  it('refuses to delete a list that never existed', () => {
    givenList([]).when({ type: 'DeleteList', listId, tasks: 'inbox' }).thenRefuses('list-not-found');
  });
});
