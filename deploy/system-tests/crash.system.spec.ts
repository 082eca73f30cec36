import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { HistoryEntry, ReminderDueMessage, TaskView } from '@todo/contracts';
import { connect } from '@todo/realtime/testing';
import type { SystemProcess } from '../testing/system-process.ts';
import { CRASH_TAG, createWriter, type CreateLedger } from './crash/create-writer.ts';
import {
  REMINDER_ID,
  setRemindersDueWhileDown,
  type ReminderDueWhileDown,
} from './crash/reminders-due-while-down.ts';
import { completeSeries, type SeriesLedger } from './crash/series-completer.ts';
import type { Workload } from './crash/workload.ts';
import { apiOn, expectStatus, logIn, serverTime, signUp, type Account } from './harness/api.ts';
import { Availability } from './harness/availability.ts';
import { allTasks, eventually, wholeAudit } from './harness/read-all.ts';
import { discardStandalone, startStandalone } from './harness/standalone.ts';

// 20 concurrent writers (14 creating, 6 completing recurring tasks), killed with SIGKILL six
// times. The kill comes once enough writes of a round were acknowledged: load decides, not time.
const KILLS = 6;
const CREATE_WRITERS = 14;
const SERIES = 6;
const ACKNOWLEDGED_BEFORE_KILL = 100;
const REMINDERS_PER_KILL = 3;
// Each restart runs with its clock 8 min further ahead (libfaketime); a reminder set 4 min after
// the killed process's "now" is therefore due while it is down, by construction. Six steps stay
// within a token's default hour, so writers seldom need to log in again.
const CLOCK_STEP_SECONDS = 8 * 60;
const REMINDER_AHEAD_MS = 4 * 60_000;
/** Liveness bounds, not speed claims. */
const ROUND_BOUND_MS = 60_000;
const SETTLE_BOUND_MS = 30_000;

const availability = new Availability();
let system: SystemProcess | undefined;
const api = apiOn(() => system!.url);
const work: Workload = {
  api,
  availability,
  acknowledged: { sinceStart: 0 },
  unexpected: [],
  finishing: { value: false },
};
const creates: CreateLedger = { acknowledged: new Map(), retried: new Set() };
const series: SeriesLedger[] = [];
let writers: Account[] = [];
let reminderOwner: Account;
const reminders: ReminderDueWhileDown[] = [];
let restarts = 0;

async function restart(): Promise<void> {
  const dataDir = system!.dataDir;
  system = await startStandalone({ dataDir, clockAheadSeconds: ++restarts * CLOCK_STEP_SECONDS });
  work.acknowledged.sinceStart = 0;
  availability.up();
}

async function untilAcknowledged(count: number): Promise<void> {
  const deadline = Date.now() + ROUND_BOUND_MS;
  while (work.acknowledged.sinceStart < count) {
    if (Date.now() > deadline)
      throw new Error(`only ${work.acknowledged.sinceStart} writes acknowledged in a round`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

beforeAll(async () => {
  system = await startStandalone({ clockAheadSeconds: 0 });
  writers = [];
  for (let i = 0; i < 4; i++) writers.push(await signUp(api, `crash-writer-${i}`));
  reminderOwner = await signUp(api, 'crash-reminders');
  const due = serverTime(expectStatus(await api('GET', '/api/me', { token: writers[0]!.token }), 200, 'me'));
  for (let s = 0; s < SERIES; s++) {
    const account = writers[s % writers.length]!;
    const tag = `series-${s}`;
    expectStatus(
      await api('POST', '/api/tasks', {
        token: account.token,
        json: {
          title: `series ${s}`,
          tags: [tag],
          dueAt: new Date(due.getTime() + 24 * 3600_000).toISOString(),
          timezone: 'UTC',
          recurrence: { rrule: 'FREQ=DAILY' },
        },
      }),
      201,
      'create a recurring task',
    );
    series.push({ tag, account, completed: new Set(), sawSeveralOpen: [] });
  }

  const running = [
    ...Array.from({ length: CREATE_WRITERS }, (_, i) =>
      createWriter(work, writers[i % writers.length]!, creates),
    ),
    ...series.map((s) => completeSeries(work, s)),
  ];
  for (let kill = 1; kill <= KILLS; kill++) {
    await untilAcknowledged(ACKNOWLEDGED_BEFORE_KILL);
    reminders.push(
      ...(await setRemindersDueWhileDown(
        api,
        reminderOwner,
        REMINDERS_PER_KILL,
        REMINDER_AHEAD_MS,
        `kill ${kill}`,
      )),
    );
    availability.down();
    await system!.crash();
    await restart();
  }
  work.finishing.value = true;
  await Promise.all(running);
  // The checks below read as each owner, whatever the token lifetime.
  for (const account of [...writers, reminderOwner]) await logIn(api, account);
}, 240_000);

afterAll(async () => {
  await discardStandalone(system);
});

describe(`crash: ${KILLS} SIGKILLs of the standalone process under ${CREATE_WRITERS + SERIES} writers`, () => {
  it('answers no write with a 5xx or an unexpected refusal', () => {
    expect(work.unexpected).toEqual([]);
  });

  it('keeps every acknowledged create exactly once, and a retried create (same Idempotency-Key) never twice', async () => {
    const byTitle = new Map<string, TaskView[]>();
    for (const account of writers) {
      for (const task of await allTasks(api, account.token, `status=all&tag=${CRASH_TAG}`)) {
        byTitle.set(task.title, [...(byTitle.get(task.title) ?? []), task]);
      }
    }
    const missingOrTwice = [...creates.acknowledged.values()]
      .filter(({ id, title }) => byTitle.get(title)?.length !== 1 || byTitle.get(title)![0]!.id !== id)
      .map(({ title }) => `${title}: ${byTitle.get(title)?.length ?? 0}`);
    expect(missingOrTwice).toEqual([]);
    // Nothing but what was acknowledged: a retry either got the stored answer or created it once.
    expect([...byTitle.values()].flat()).toHaveLength(creates.acknowledged.size);
    // The kills did cut requests off: retried keys exist and were all acknowledged in the end.
    expect(creates.retried.size).toBeGreaterThan(0);
    expect([...creates.retried].filter((key) => !creates.acknowledged.has(key))).toEqual([]);
  });

  it(
    'gives every completed occurrence exactly one next occurrence',
    async () => {
      for (const s of series) {
        const settled = await eventually(
          () => allTasks(api, s.account.token, `status=all&tag=${s.tag}`),
          (tasks) => tasks.filter((t) => t.status === 'open').length === 1,
          SETTLE_BOUND_MS,
        );
        const audit = await wholeAudit(api, s.account.token);
        const ids = new Set(settled.map((t) => t.id));
        const successors = new Map<string, number>();
        for (const entry of audit) {
          const from = (entry.data as { spawnedFrom?: { taskId: string } | null }).spawnedFrom?.taskId;
          if (entry.type === 'todo.task.created.v1' && from && ids.has(from)) {
            successors.set(from, (successors.get(from) ?? 0) + 1);
          }
        }
        const completed = settled.filter((t) => t.status === 'completed');
        expect(settled.filter((t) => t.status === 'open')).toHaveLength(1);
        expect(completed.map((t) => successors.get(t.id) ?? 0)).toEqual(completed.map(() => 1));
        expect(settled).toHaveLength(completed.length + 1);
        expect([...s.completed].filter((id) => !completed.some((t) => t.id === id))).toEqual([]);
        expect(s.sawSeveralOpen).toEqual([]);
      }
      // Completions went on across every kill.
      expect(series.reduce((n, s) => n + s.completed.size, 0)).toBeGreaterThanOrEqual(KILLS);
    },
    SERIES * SETTLE_BOUND_MS + 30_000,
  );

  it(
    'fires every reminder that fell due while the process was down exactly once after the restart, never early',
    async () => {
      const firings = (audit: HistoryEntry[]) =>
        audit.filter(
          (e) => e.type === 'todo.task.reminder-fired.v1' && reminders.some((r) => r.taskId === e.taskId),
        );
      const audit = await eventually(
        () => wholeAudit(api, reminderOwner.token),
        (entries) => firings(entries).length >= reminders.length,
        SETTLE_BOUND_MS,
      );
      const fired = firings(audit).map(
        (e) => e.data as { reminderId: string; scheduledFor: string; firedAt: string; late: boolean },
      );
      for (const reminder of reminders) {
        const own = firings(audit).filter((e) => e.taskId === reminder.taskId);
        expect(own).toHaveLength(1);
        const data = own[0]!.data as {
          reminderId: string;
          scheduledFor: string;
          firedAt: string;
          late: boolean;
        };
        expect(data.reminderId).toBe(REMINDER_ID);
        expect(data.scheduledFor).toBe(reminder.scheduledFor);
        expect(new Date(data.firedAt).getTime()).toBeGreaterThanOrEqual(
          new Date(data.scheduledFor).getTime(),
        );
        // Due while down, so it went off late, after the restart.
        expect(data.late).toBe(true);
      }
      expect(fired).toHaveLength(reminders.length);

      // And each reached the owner's WebSocket once (the feed replayed from its start).
      const socket = await connect(system!.url, reminderOwner.token, '0');
      const dues = () => socket.messages.filter((m): m is ReminderDueMessage => m.type === 'reminder.due');
      await socket.waitFor(() => dues().length >= reminders.length, SETTLE_BOUND_MS).catch(() => undefined);
      await socket.close();
      expect(
        dues()
          .map((m) => m.taskId)
          .sort(),
      ).toEqual(reminders.map((r) => r.taskId).sort());
    },
    3 * SETTLE_BOUND_MS,
  );
});
