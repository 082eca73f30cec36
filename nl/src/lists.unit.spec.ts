import { describe, it } from '@jest/globals';
import { given } from './testing/given-text.ts';

const work = '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed';
const side = '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b';
const lists = [
  { id: work, name: 'Work' },
  { id: side, name: 'Side Project' },
  { id: '7f1d2c3b-4a59-4e68-8d7c-6b5a49382716', name: 'Side' },
];

describe('quick add: #List files the task into one of the user’s lists, @label tags it', () => {
  it('given #Work in any case, when read, then the task is in Work and the title loses the #word', () =>
    given('Prepare slides #work tomorrow @deck')
      .withLists(lists)
      .then({
        intent: 'create_task',
        task: {
          title: 'Prepare slides',
          listId: work,
          list: 'Work',
          tags: ['deck'],
          dueAt: '2026-11-27T00:00:00+01:00',
          allDay: true,
        },
      }));

  it('given a list name with a space, when read, then the longest name that fits wins', () =>
    given('fix login #Side Project p1')
      .withLists(lists)
      .then({
        intent: 'create_task',
        task: { title: 'fix login', listId: side, list: 'Side Project', priority: 'high' },
      }));

  it('given #Name of no list, when read, then it stays in the title (no list is made behind the user’s back)', () =>
    given('Buy milk #Groceries')
      .withLists(lists)
      .then({ intent: 'create_task', task: { title: 'Buy milk #Groceries' } }));

  it('given #Inbox, when read, then the task is in no list', () =>
    given('tidy desk #inbox')
      .withLists(lists)
      .then({ intent: 'create_task', task: { title: 'tidy desk', listId: null, list: 'Inbox' } }));

  it('given two lists, when read, then the first one named counts and the other stays text', () =>
    given('plan #Side then #Work')
      .withLists(lists)
      .then({
        intent: 'create_task',
        task: { title: 'plan then #Work', listId: lists[2]!.id, list: 'Side' },
      }));

  it('given #Work, when the spans are asked for, then the list has its own span', () =>
    given('call Ann #Work @phone')
      .withLists(lists)
      .thenSpans([
        ['list', '#Work'],
        ['tags', '@phone'],
      ]));

  it('given an address, when read, then its @ is no label', () =>
    given('email bob@example.com').then({ intent: 'create_task', task: { title: 'email bob@example.com' } }));

  it('given a list question with #Work, when read, then the filter is that list', () =>
    given('show #Work tasks')
      .withLists(lists)
      .then({ intent: 'list_tasks', filter: { status: 'open', list: work } }));
});
