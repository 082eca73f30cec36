import { expectStatus, serverTime, type Account, type Requester } from '../harness/api.ts';

export const REMINDER_ID = 'due-while-down';
export const REMINDER_TAG = 'reminder';

export interface ReminderDueWhileDown {
  taskId: string;
  scheduledFor: string;
}

/**
 * Tasks with a reminder `aheadMs` after the server's own "now" (its Date header). The suite
 * kills the process right after and restarts it with its clock moved further ahead than
 * that, so each reminder falls due while nothing runs, whatever the machine's load.
 */
export async function setRemindersDueWhileDown(
  api: Requester,
  account: Account,
  count: number,
  aheadMs: number,
  label: string,
): Promise<ReminderDueWhileDown[]> {
  const now = serverTime(
    expectStatus(await api('GET', '/api/me', { token: account.token }), 200, 'GET /api/me'),
  );
  const scheduledFor = new Date(now.getTime() + aheadMs).toISOString();
  const set: ReminderDueWhileDown[] = [];
  for (let i = 0; i < count; i++) {
    const answer = await api('POST', '/api/tasks', {
      token: account.token,
      json: {
        title: `reminder ${label}.${i}`,
        tags: [REMINDER_TAG],
        reminders: [{ id: REMINDER_ID, at: scheduledFor }],
      },
    });
    set.push({
      taskId: (expectStatus(answer, 201, 'create with a reminder').body as { id: string }).id,
      scheduledFor,
    });
  }
  return set;
}
