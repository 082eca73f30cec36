import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CalendarFeedCreated, TaskList } from '@todo/contracts';
import { fixedClock } from '@todo/platform';
import { nextOccurrence, type RecurringTask } from '@todo/sagas';
import { until } from '@todo/sagas/testing';
import ICAL from 'ical.js';
import { startTestSystem, type TestSystem } from '../testing/test-system.ts';

// Pinned: DTSTAMP and the feed's creation time are this instant, and the completion below
// happens at it. US DST begins on 2030-03-10, between the first two Mondays of the series.
const NOW = '2030-03-01T12:00:00.000Z';
const clock = fixedClock(NOW);
let t: TestSystem;
let alice: { token: string };
let bob: { token: string };

beforeAll(async () => {
  t = await startTestSystem({ clock });
  alice = await t.signup();
  bob = await t.signup();
  // Alice lives in New York: a task she makes without a zone is in hers.
  const zone = await t.api('/api/me', {
    method: 'PATCH',
    token: alice.token,
    json: { timezone: STANDUP.timezone },
  });
  expect(zone.status).toBe(200);
});
afterAll(async () => t.stop());

const json = async <T>(res: Response) => (await res.json()) as T;
const create = async (token: string, body: object) => {
  const res = await t.api('/api/tasks', { method: 'POST', token, json: body });
  expect(res.status).toBe(201);
  return (await json<{ id: string }>(res)).id;
};
const newFeed = async (token: string) => {
  const res = await t.api('/api/calendar-feed', { method: 'POST', token });
  expect(res.status).toBe(201);
  return json<CalendarFeedCreated>(res);
};
/** Fetched as a calendar app does: no header but the URL. */
const fetchFeed = (url: string) => fetch(url);

interface Parsed {
  events: ICAL.Event[];
  text: string;
}
async function parsedFeed(url: string): Promise<Parsed> {
  const res = await fetchFeed(url);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
  const text = await res.text();
  const root = new ICAL.Component(ICAL.parse(text));
  // ical.js knows no zones of its own: each TZID is read from the feed's VTIMEZONE.
  for (const zone of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return { text, events: root.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)) };
}
const bySummary = (feed: Parsed, summary: string) => feed.events.filter((e) => e.summary === summary);

const STANDUP: RecurringTask & { title: string } = {
  title: 'Standup',
  dueAt: '2030-03-04T14:00:00.000Z', // Monday 09:00 in New York (EST)
  timezone: 'America/New_York',
  allDay: false,
  recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=10', anchor: 'schedule' },
  reminders: [{ id: 'early', minutesBefore: 15 }],
};

describe('the calendar feed (standalone system, real PostgreSQL, parsed by ical.js)', () => {
  let feedUrl: string;
  let standupId: string;

  beforeAll(async () => {
    await create(alice.token, {
      title: 'Dentist; bring forms, card',
      dueAt: '2030-03-05T15:30:00Z',
      timezone: 'Europe/Paris',
      reminders: [{ minutesBefore: 30 }, { at: '2030-03-05T08:00:00Z' }],
    });
    await create(alice.token, {
      title: 'Pay rent',
      dueAt: '2030-03-10T00:00:00+01:00',
      allDay: true,
      timezone: 'Europe/Berlin',
    });
    const { timezone: _inTheUsersZone, ...standup } = STANDUP;
    standupId = await create(alice.token, standup);
    await create(alice.token, { title: 'Someday' });
    const done = await create(alice.token, { title: 'Done already', dueAt: '2030-03-02T10:00:00Z' });
    expect((await t.api(`/api/tasks/${done}/complete`, { method: 'POST', token: alice.token })).status).toBe(
      200,
    );
    await create(bob.token, { title: 'Bob only', dueAt: '2030-03-03T10:00:00Z' });
    feedUrl = (await newFeed(alice.token)).url;
  });

  it('is subscribed from the API: the URL carries the secret, its status shows when it was made', async () => {
    expect(feedUrl).toMatch(new RegExp(`^${t.url}/api/feeds/[A-Za-z0-9_-]{43}/tasks\\.ics$`));
    const status = await t.api('/api/calendar-feed', { token: alice.token });
    expect(status.status).toBe(200);
    expect(await status.json()).toEqual({ createdAt: NOW });
    expect((await t.api('/api/calendar-feed', { method: 'POST' })).status).toBe(401);
  });

  it('is RFC 5545 text: CRLF lines of at most 75 octets, PRODID, VERSION, DTSTAMP from the clock', async () => {
    const { text, events } = await parsedFeed(feedUrl);
    expect(text.endsWith('\r\n')).toBe(true);
    const lines = text.slice(0, -2).split('\r\n');
    expect(lines.every((line) => !line.includes('\n') && Buffer.byteLength(line) <= 75)).toBe(true);
    expect(lines).toEqual(expect.arrayContaining(['VERSION:2.0', expect.stringMatching(/^PRODID:/)]));
    expect(events.map((e) => e.component.getFirstPropertyValue('dtstamp')?.toString())).toEqual(
      events.map(() => '2030-03-01T12:00:00Z'),
    );
    // Open tasks with a due time only: not the undated one, not the completed one.
    expect(events.map((e) => e.summary).sort()).toEqual([
      'Dentist; bring forms, card',
      'Pay rent',
      'Standup',
    ]);
    expect(new Set(events.map((e) => e.uid)).size).toBe(3);
  });

  it('a timed task is at its due instant in its zone, with one VALARM per reminder', async () => {
    const [dentist] = bySummary(await parsedFeed(feedUrl), 'Dentist; bring forms, card');
    expect(dentist!.startDate.zone?.tzid).toBe('Europe/Paris');
    expect(dentist!.startDate.toJSDate().toISOString()).toBe('2030-03-05T15:30:00.000Z');
    const triggers = dentist!.component
      .getAllSubcomponents('valarm')
      .map((alarm) => alarm.getFirstPropertyValue('trigger')?.toString());
    expect(triggers).toEqual(['-PT30M', '2030-03-05T08:00:00Z']);
  });

  it('an all-day task is a DATE on its local day', async () => {
    const [rent] = bySummary(await parsedFeed(feedUrl), 'Pay rent');
    expect(rent!.startDate.isDate).toBe(true);
    expect(rent!.startDate.toString()).toBe('2030-03-10');
    expect(rent!.endDate.toString()).toBe('2030-03-11');
  });

  it('a recurring task is one VEVENT with RRULE and TZID whose expansion across DST is our own', async () => {
    const standups = bySummary(await parsedFeed(feedUrl), 'Standup');
    expect(standups).toHaveLength(1);
    const [standup] = standups;
    expect(standup!.isRecurring()).toBe(true);
    expect(standup!.startDate.zone?.tzid).toBe('America/New_York');
    const theirs: string[] = [];
    const expansion = standup!.iterator();
    for (let next = expansion.next(); next; next = expansion.next())
      theirs.push(next.toJSDate().toISOString());
    // Ours: the recurrence saga's next occurrence, closing each occurrence at its due time.
    const ours = [STANDUP.dueAt];
    let task: RecurringTask = STANDUP;
    for (let found = nextOccurrence(task, task.dueAt); found; found = nextOccurrence(task, task.dueAt)) {
      ours.push(found.dueAt);
      task = { ...task, dueAt: found.dueAt, recurrence: found.recurrence, reminders: found.reminders };
    }
    expect(theirs).toEqual(ours);
    expect(theirs).toHaveLength(10);
    // 09:00 local on both sides of the change: 14:00Z in EST, 13:00Z in EDT.
    expect(theirs.slice(0, 2)).toEqual(['2030-03-04T14:00:00.000Z', '2030-03-11T13:00:00.000Z']);
  });

  it('completing the occurrence moves the series to the next one, the date ical.js expanded', async () => {
    expect(
      (await t.api(`/api/tasks/${standupId}/complete`, { method: 'POST', token: alice.token })).status,
    ).toBe(200);
    await until(async () => {
      const list = await json<TaskList>(await t.api('/api/tasks?limit=200', { token: alice.token }));
      return list.items.some((task) => task.title === 'Standup' && task.id !== standupId);
    });
    const standups = bySummary(await parsedFeed(feedUrl), 'Standup');
    expect(standups).toHaveLength(1);
    expect(standups[0]!.startDate.toJSDate().toISOString()).toBe('2030-03-11T13:00:00.000Z');
    expect(standups[0]!.startDate.toString()).toBe('2030-03-11T09:00:00');
    const rest: string[] = [];
    const expansion = standups[0]!.iterator();
    for (let next = expansion.next(); next; next = expansion.next()) rest.push(next.toJSDate().toISOString());
    expect(rest).toHaveLength(9); // COUNT counts down: the completed occurrence is left out
  });

  it("another user's feed never shows this user's tasks, and the other way round", async () => {
    const bobs = await parsedFeed((await newFeed(bob.token)).url);
    expect(bobs.events.map((e) => e.summary)).toEqual(['Bob only']);
    expect(bySummary(await parsedFeed(feedUrl), 'Bob only')).toEqual([]);
  });

  it('a wrong secret is a 404 problem, like a malformed one; an overlong one a 400', async () => {
    for (const secret of ['A'.repeat(43), 'not-a-secret']) {
      const res = await fetchFeed(`${t.url}/api/feeds/${secret}/tasks.ics`);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    // Longer than any secret can be: a 400 naming the field (not fastify's bare 414).
    const tooLong = await fetchFeed(`${t.url}/api/feeds/${'0'.repeat(65)}/tasks.ics`);
    expect(tooLong.status).toBe(400);
    expect(JSON.stringify(await tooLong.json())).toContain('secret');
    // Past fastify's limit for a path parameter (100 characters): a 400 problem, not a bare 414.
    const pastTheRouter = await fetchFeed(`${t.url}/api/feeds/${'0'.repeat(101)}/tasks.ics`);
    expect([pastTheRouter.status, pastTheRouter.headers.get('content-type')]).toEqual([
      400,
      'application/problem+json; charset=utf-8',
    ]);
  });

  it('regenerating invalidates the old URL; revoking invalidates the feed, with the same 404', async () => {
    const again = await newFeed(alice.token);
    expect(again.url).not.toBe(feedUrl);
    const old = await fetchFeed(feedUrl);
    expect(old.status).toBe(404);
    const wrong = await fetchFeed(`${t.url}/api/feeds/${'B'.repeat(43)}/tasks.ics`);
    const withoutInstance = async (res: Response) => ({ ...(await json<object>(res)), instance: null });
    expect(await withoutInstance(old)).toEqual(await withoutInstance(wrong));
    expect((await fetchFeed(again.url)).status).toBe(200);

    const revoked = await t.api('/api/calendar-feed', { method: 'DELETE', token: alice.token });
    expect(revoked.status).toBe(204);
    expect((await fetchFeed(again.url)).status).toBe(404);
    expect((await t.api('/api/calendar-feed', { token: alice.token })).status).toBe(404);
  });
});
