import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { HistoryEntry, TaskView } from '@todo/contracts';
import { connect } from '@todo/realtime/testing';
import { manualTime, startSmtpServer, until, type TestSmtpServer } from '@todo/sagas/testing';
import type { ParsedMail } from 'mailparser';
import { startTestSystem, type TestSystem } from '../testing/test-system.ts';

// Email reminders on the whole system against a real SMTP server on loopback (aiosmtpd):
// opt in, verify through the link in the mail (a page that asks, then its button), a reminder fires at a pinned instant and is
// mailed once, its done and snooze links open a page that only asks (a mail scanner's
// prefetch does nothing) whose button acts through the command path, a refused link is a
// problem, and an SMTP outage is retried and delivered once, all in the task's history.
const time = manualTime('2030-03-04T08:00:00.000Z');
const RETRY_MS = 1000;
let smtp: TestSmtpServer;
let ts: TestSystem;

beforeAll(async () => {
  smtp = await startSmtpServer();
  ts = await startTestSystem({
    clock: time.clock,
    timers: time.timers,
    config: { smtpUrl: smtp.url, mailFrom: 'Todo <reminders@todo.test>' },
    emailFirstRetryMs: RETRY_MS,
  });
});
afterAll(async () => {
  await ts?.stop();
  await smtp?.close();
});

const textOf = (m: ParsedMail) => (typeof m.text === 'string' ? m.text : '');
const linksIn = (m: ParsedMail) => textOf(m).match(/http:\/\/\S+\/api\/email\/\S+/g) ?? [];
const mailsTo = async (address: string) =>
  (await smtp.messages()).filter((m) => JSON.stringify(m.to).includes(address));

async function optIn(token: string, address: string): Promise<void> {
  const res = await ts.api('/api/email', { method: 'PUT', token, json: { address } });
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ available: true, address, verified: false });
}

async function taskWithReminderIn(
  token: string,
  title: string,
  ms: number,
): Promise<{ id: string; at: Date }> {
  const at = new Date(time.now().getTime() + ms);
  const res = await ts.api('/api/tasks', {
    method: 'POST',
    token,
    json: { title, reminders: [{ id: 'r1', at: at.toISOString() }] },
  });
  expect(res.status).toBe(201);
  return { id: ((await res.json()) as { id: string }).id, at };
}

async function fire(at: Date): Promise<void> {
  // Once the reminder saga has scheduled the job, a wake-up makes the scheduler arm its timer
  // for it (a loop may be in a short sleep that only time could end); then the instant comes.
  await until(async () => (await ts.db.knex('scheduled_jobs').where('due_at', '=', at)).length === 1);
  time.wakeEarly();
  await time.asleepUntil(at);
  time.advance(at.getTime() - time.now().getTime());
}

/** Post a link's token as its page's form does (fields url-encoded). */
const postToken = (url: string | URL, token: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token }).toString(),
  });

/** What a person does with a done or snooze link: open it (a page that asks), press its button. */
async function press(link: string): Promise<Response> {
  const page = await fetch(link);
  expect(page.status).toBe(200);
  const form = /<form method="post" action="([^"]+)"><input type="hidden" name="token" value="([^"]+)">/.exec(
    await page.text(),
  );
  expect(form).not.toBeNull();
  return postToken(new URL(form![1]!, link), form![2]!);
}

const historyOf = async (token: string, id: string) =>
  ((await (await ts.api(`/api/tasks/${id}/history`, { token })).json()) as { items: HistoryEntry[] }).items;

describe('email reminders', () => {
  let user: { token: string; userId: string; email: string };
  const address = 'ada@mail.test';

  it('sends a verification mail whose link verifies the address', async () => {
    user = await ts.signup();
    await optIn(user.token, address);
    await until(async () => (await mailsTo(address)).length === 1);
    const [verifyMail] = await mailsTo(address);
    const [link] = linksIn(verifyMail!);
    expect(link).toMatch(/\/api\/email\/verify\?token=/);
    // Fetched by a scanner: a page that asks, and the address is not verified by it.
    const asked = await fetch(link!);
    expect(asked.status).toBe(200);
    expect(asked.headers.get('content-type')).toMatch(/text\/html/);
    expect(await asked.text()).toContain(`Reminders will be sent to ${address}.`);
    expect(await (await ts.api('/api/email', { token: user.token })).json()).toMatchObject({
      verified: false,
    });
    // A verification token is no done/snooze token, nor the other way round.
    const token = new URL(link!).searchParams.get('token')!;
    expect((await postToken(`${ts.url}/api/email/action`, token)).status).toBe(400);
    const page = await press(link!);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('Address confirmed');
    const state = await (await ts.api('/api/email', { token: user.token })).json();
    expect(state).toMatchObject({ address, verified: true, verifiedAt: time.now().toISOString() });
  });

  it('mails a firing once, with done and snooze links whose pages act once pressed, and can be pressed twice', async () => {
    const socket = await connect(ts.url, user.token);
    const { id, at } = await taskWithReminderIn(user.token, 'Water the plants', 20_000);
    await fire(at);
    await until(async () => (await mailsTo(address)).length === 2, 20_000);
    const reminder = (await mailsTo(address))[1]!;
    expect(reminder.subject).toBe('Reminder: Water the plants');
    expect(reminder.messageId).toMatch(/^<reminder-[0-9a-f-]+@todo\.test>$/);
    const [done, snooze] = linksIn(reminder);
    expect(done).toMatch(/\/api\/email\/action\?token=/);
    expect(snooze).toMatch(/\/api\/email\/action\?token=/);

    await until(async () =>
      (await historyOf(user.token, id)).some((e) => e.type === 'todo.task.reminder-emailed.v1'),
    );
    const emailed = (await historyOf(user.token, id)).filter(
      (e) => e.type === 'todo.task.reminder-emailed.v1',
    );
    expect(emailed).toHaveLength(1);
    expect(emailed[0]!.data).toMatchObject({
      reminderId: 'r1',
      outcome: 'delivered',
      attempts: 1,
      messageId: reminder.messageId,
    });

    // A scanner or a link preview fetches both links: each is a page that asks, nothing more.
    const prefetchedDone = await fetch(done!);
    expect(prefetchedDone.status).toBe(200);
    expect(prefetchedDone.headers.get('content-type')).toMatch(/text\/html/);
    expect(await prefetchedDone.text()).toContain('Mark the task done?');
    const prefetchedSnooze = await fetch(snooze!);
    expect(prefetchedSnooze.status).toBe(200);
    expect(await prefetchedSnooze.text()).toContain('Snooze the reminder?');
    const task = (await (await ts.api(`/api/tasks/${id}`, { token: user.token })).json()) as TaskView;
    expect(task.status).toBe('open');
    const prefetched = (await historyOf(user.token, id)).map((e) => e.type);
    expect(prefetched).not.toContain('todo.task.reminder-snoozed.v1');
    expect(prefetched).not.toContain('todo.task.completed.v1');

    const snoozed = await press(snooze!);
    expect(snoozed.status).toBe(200);
    expect(await snoozed.text()).toContain('Snoozed');
    const again = await press(snooze!);
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('Already snoozed');

    const completed = await press(done!);
    expect(completed.status).toBe(200);
    expect(await completed.text()).toContain('The task is marked as done');
    await socket.waitFor((ms) =>
      ms.some(
        (m) =>
          m.type === 'task.upserted' &&
          (m.task as TaskView).id === id &&
          (m.task as TaskView).status === 'completed',
      ),
    );
    const twice = await press(done!);
    expect(twice.status).toBe(200);
    expect(await twice.text()).toContain('Already done');
    // Snoozing a finished task is a clear refusal, not a 500.
    const late = await press(snooze!);
    expect(late.status).toBe(409);
    expect(late.headers.get('content-type')).toMatch(/application\/problem\+json/);

    const types = (await historyOf(user.token, id)).map((e) => e.type);
    expect(types.filter((t) => t === 'todo.task.completed.v1')).toHaveLength(1);
    expect(types.filter((t) => t === 'todo.task.reminder-snoozed.v1')).toHaveLength(1);
    // Nothing more went out for that firing.
    expect((await mailsTo(address)).filter((m) => m.messageId === reminder.messageId)).toHaveLength(1);
    await socket.close();
  });

  it('retries while the SMTP server is down and delivers once when it is back', async () => {
    await smtp.stop();
    const { id, at } = await taskWithReminderIn(user.token, 'Pay the rent', 20_000);
    await fire(at);
    const delivery = () =>
      ts.db
        .knex('email_deliveries')
        .where({ task_id: id })
        .first('attempts', 'status', 'last_error', 'next_attempt_at');
    await until(async () => (await delivery())?.attempts === 1, 20_000);
    const failed = await delivery();
    expect(failed).toMatchObject({
      status: 'pending',
      last_error: expect.stringMatching(/ECONNREFUSED|connect/i),
    });
    expect(new Date(failed.next_attempt_at).getTime() - time.now().getTime()).toBe(RETRY_MS);
    await smtp.start();
    // The worker sleeps until its retry is due; then that instant comes.
    await time.asleepUntil(new Date(failed.next_attempt_at));
    time.advance(RETRY_MS);
    await until(async () => (await delivery())?.status === 'delivered', 20_000);
    const rent = (await mailsTo(address)).filter((m) => m.subject === 'Reminder: Pay the rent');
    expect(rent).toHaveLength(1);
    const emailed = (await historyOf(user.token, id)).filter(
      (e) => e.type === 'todo.task.reminder-emailed.v1',
    );
    expect(emailed.map((e) => e.data)).toEqual([
      expect.objectContaining({ outcome: 'delivered', attempts: 2, messageId: rent[0]!.messageId }),
    ]);
  });

  it('sends nothing to an address that is not verified', async () => {
    const other = await ts.signup();
    await optIn(other.token, 'unverified@mail.test');
    const { id, at } = await taskWithReminderIn(other.token, 'Not mailed', 20_000);
    await fire(at);
    await until(async () =>
      (await historyOf(other.token, id)).some((e) => e.type === 'todo.task.reminder-fired.v1'),
    );
    // A later firing of the first user is mailed: the sagas have read past this one.
    const later = await taskWithReminderIn(user.token, 'After that', 20_000);
    await fire(later.at);
    await until(
      async () => (await mailsTo(address)).some((m) => m.subject === 'Reminder: After that'),
      20_000,
    );
    expect(await ts.db.knex('email_deliveries').where({ user_id: other.userId, kind: 'reminder' })).toEqual(
      [],
    );
    await until(async () => (await mailsTo('unverified@mail.test')).length > 0);
    expect((await mailsTo('unverified@mail.test')).map((m) => m.subject)).toEqual([
      'Confirm your address for todo reminders',
    ]);
  });
  it('answers a tampered, a foreign or an expired link with a problem', async () => {
    const { id, at } = await taskWithReminderIn(user.token, 'Call the bank', 20_000);
    await fire(at);
    await until(
      async () => (await mailsTo(address)).some((m) => m.subject === 'Reminder: Call the bank'),
      20_000,
    );
    const mail = (await mailsTo(address)).find((m) => m.subject === 'Reminder: Call the bank')!;
    const [done] = linksIn(mail);
    const token = new URL(done!).searchParams.get('token')!;
    const [body, signature] = token.split('.');
    const flipped = `${body}.${signature![0] === 'A' ? 'B' : 'A'}${signature!.slice(1)}`;
    const tampered = await fetch(`${ts.url}/api/email/action?token=${flipped}`);
    expect(tampered.status).toBe(400);
    expect(tampered.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(await tampered.json()).toMatchObject({ errors: [{ field: 'token' }] });
    const garbage = await fetch(`${ts.url}/api/email/action?token=not-a-token`);
    expect(garbage.status).toBe(400);
    // The button's POST checks the token again: the page is no authority of its own.
    const action = `${ts.url}/api/email/action`;
    const forged = await postToken(action, flipped);
    expect(forged.status).toBe(400);
    expect(await forged.json()).toMatchObject({ errors: [{ field: 'token' }] });
    const twiceNamed = await fetch(action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${token}&token=${token}`,
    });
    expect(twiceNamed.status).toBe(400);
    expect(await twiceNamed.json()).toMatchObject({ errors: [{ field: 'token' }] });

    time.advance(8 * 24 * 3600_000);
    const expired = await fetch(done!);
    expect(expired.status).toBe(410);
    expect(await expired.json()).toMatchObject({ detail: 'this link has expired' });
    const expiredPress = await postToken(action, token);
    expect(expiredPress.status).toBe(410);
    // The session has long ended too (by the same clock): log in again to look.
    const login = await ts.api('/api/auth/login', {
      method: 'POST',
      json: { email: user.email, password: 'correct horse' },
    });
    const { token: fresh } = (await login.json()) as { token: string };
    const task = (await (await ts.api(`/api/tasks/${id}`, { token: fresh })).json()) as TaskView;
    expect(task.status).toBe('open');
  });
});
