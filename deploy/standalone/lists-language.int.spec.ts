import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ChatResponse, ParseResult, TaskList, TaskView } from '@todo/contracts';
import { startTestSystem, type TestSystem } from '../testing/test-system.ts';

// `#List` in quick add, the chat and the filter language, against the user's real lists.

let t: TestSystem;
let alice: { token: string };
let bob: { token: string };
let work: string;

beforeAll(async () => {
  t = await startTestSystem();
  alice = await t.signup();
  bob = await t.signup();
  const res = await t.api('/api/lists', { method: 'POST', token: alice.token, json: { name: 'Work' } });
  work = ((await res.json()) as { id: string }).id;
});
afterAll(async () => t.stop());

const json = async <T>(res: Response) => (await res.json()) as T;
const chat = async (token: string, message: string) =>
  json<ChatResponse>(await t.api('/api/chat', { method: 'POST', token, json: { message } }));
const filtered = async (token: string, filter: string) =>
  json<TaskList>(await t.api(`/api/tasks?filter=${encodeURIComponent(filter)}`, { token }));

describe('#List and @label', () => {
  it('quick add’s preview reads #Work as the user’s list and @label as a tag', async () => {
    const res = await t.api('/api/nl/parse', {
      method: 'POST',
      token: alice.token,
      json: { text: 'Prepare slides #work @deck', now: '2026-11-26T08:00:00Z', timezone: 'Europe/Paris' },
    });
    const body = await json<ParseResult>(res);
    expect(body.task).toEqual({ title: 'Prepare slides', listId: work, list: 'Work', tags: ['deck'] });
    expect(body.spans.map((s) => [s.field, s.text])).toEqual([
      ['list', '#work'],
      ['tags', '@deck'],
    ]);
  });

  it('another user’s #Work is no list of theirs: it stays in the title', async () => {
    const res = await t.api('/api/nl/parse', {
      method: 'POST',
      token: bob.token,
      json: { text: 'Prepare slides #Work' },
    });
    expect((await json<ParseResult>(res)).task).toEqual({ title: 'Prepare slides #Work' });
  });

  it('the chat files a task into #Work, lists #Work, and the filter #Work finds it', async () => {
    const added = await chat(alice.token, 'add Send the report #Work p1');
    expect(added.reply).toContain('in #Work');
    const id = added.actions[0]!.taskId;
    const view = json<TaskView>(await t.api(`/api/tasks/${id}`, { token: alice.token }));
    expect((await view).listId).toBe(work);
    const listed = await chat(alice.token, 'show #Work tasks');
    expect(listed.tasks?.map((x) => x.id)).toEqual([id]);
    const byFilter = await chat(alice.token, 'filter: #work & p1');
    expect(byFilter.tasks?.map((x) => x.id)).toEqual([id]);
    expect((await filtered(alice.token, '#WORK')).items.map((x) => x.id)).toEqual([id]);
    expect((await filtered(alice.token, '#Inbox')).items.map((x) => x.id)).not.toContain(id);
  });

  it('an unknown list gives an empty result, not an error; another user’s list is unknown', async () => {
    const unknown = await t.api(`/api/tasks?filter=${encodeURIComponent('#Holidays')}`, {
      token: alice.token,
    });
    expect(unknown.status).toBe(200);
    expect((await json<TaskList>(unknown)).items).toEqual([]);
    await t.api('/api/tasks', { method: 'POST', token: bob.token, json: { title: 'Bob’s own' } });
    expect((await filtered(bob.token, '#Work')).items).toEqual([]);
  });
});
