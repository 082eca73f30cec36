import type { VerifierOptions } from '@pact-foundation/pact';
import type { TaskView } from '@todo/contracts';
import type { TestSystem } from '../testing/test-system.ts';

type StateHandlers = NonNullable<VerifierOptions['stateHandlers']>;

/**
 * Provider states, made through the real API of the running system (no back doors into
 * the database): a fresh user per interaction, and a task like the one the SPA's contract
 * describes. What a state returns is injected where the contract says `${token}`,
 * `${taskId}` or `${version}`.
 */
export function restApiStates(system: TestSystem): StateHandlers {
  const signedIn = async () => ({ token: (await system.signup()).token });

  const withTask = async () => {
    const { token } = await signedIn();
    const res = await system.api('/api/tasks', {
      method: 'POST',
      token,
      json: {
        title: 'Pay rent',
        description: 'Transfer to the landlord',
        dueAt: '2026-12-01T09:00:00+01:00',
        timezone: 'Europe/Paris',
        priority: 'high',
        tags: ['home'],
        recurrence: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=1' },
        reminders: [{ minutesBefore: 30 }],
      },
    });
    if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
    const task = (await res.json()) as { id: string; version: number };
    // The server names reminders; the snooze interaction needs the name.
    const view = (await (await system.api(`/api/tasks/${task.id}`, { token })).json()) as TaskView;
    return { token, taskId: task.id, version: String(task.version), reminderId: view.reminders[0]!.id };
  };

  return {
    'no user has signed up with new.user@example.com': async () => undefined,
    'a user ann@example.com with the password "correct horse"': async () => {
      await system.signup('ann@example.com');
    },
    'a signed-in user': signedIn,
    'a signed-in user with a task': withTask,
    'a signed-in user with a list': async () => {
      const { token } = await signedIn();
      const res = await system.api('/api/lists', {
        method: 'POST',
        token,
        json: { name: 'Work', colour: '#db4035', order: 1 },
      });
      if (res.status !== 201) throw new Error(`list create failed: ${res.status} ${await res.text()}`);
      return { token };
    },
    'a signed-in user with a task changed since version 1': async () => {
      const state = await withTask();
      const res = await system.api(`/api/tasks/${state.taskId}`, {
        method: 'PATCH',
        token: state.token,
        json: { priority: 'medium' },
      });
      if (res.status !== 200) throw new Error(`update failed: ${res.status} ${await res.text()}`);
      return state;
    },
    'a signed-in user with a completed task': async () => {
      const state = await withTask();
      const res = await system.api(`/api/tasks/${state.taskId}/complete`, {
        method: 'POST',
        token: state.token,
        json: {},
      });
      if (res.status !== 200) throw new Error(`complete failed: ${res.status} ${await res.text()}`);
      return state;
    },
    'a signed-in user with a task and a saved view': async () => {
      const state = await withTask();
      const res = await system.api('/api/views', {
        method: 'POST',
        token: state.token,
        json: { name: 'Urgent', filter: 'today & p1 | overdue' },
      });
      if (res.status !== 201) throw new Error(`saving a view failed: ${res.status} ${await res.text()}`);
      return state;
    },
    'a signed-in user with an API token': async () => {
      const { token } = await signedIn();
      const res = await system.api('/api/tokens', {
        method: 'POST',
        token,
        json: { name: 'Claude Desktop', scopes: ['tasks:read'], expiresInDays: 90 },
      });
      if (res.status !== 201) throw new Error(`token failed: ${res.status} ${await res.text()}`);
      const { id } = (await res.json()) as { id: string };
      return { token, apiTokenId: id };
    },
    'a signed-in user who has chatted': async () => {
      const { token } = await signedIn();
      const res = await system.api('/api/chat', { method: 'POST', token, json: { message: 'add buy milk' } });
      if (res.status !== 200) throw new Error(`chat failed: ${res.status} ${await res.text()}`);
      const { conversationId } = (await res.json()) as { conversationId: string };
      return { token, conversationId };
    },
  };
}
