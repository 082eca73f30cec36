import { describe, expect, it } from '@jest/globals';
import { fromToolCall, modelConfigFromEnv } from './openai-interpreter.ts';

const context = { now: new Date('2026-11-26T08:00:00Z'), timezone: 'Europe/Paris' };

describe('tool calls from a language model', () => {
  it('is off unless base URL, key and model are all set', () => {
    expect(modelConfigFromEnv({})).toBeNull();
    expect(modelConfigFromEnv({ OPENAI_BASE_URL: 'http://127.0.0.1:1/v1', OPENAI_API_KEY: 'k' })).toBeNull();
    expect(
      modelConfigFromEnv({
        OPENAI_BASE_URL: 'http://127.0.0.1:1/v1/',
        OPENAI_API_KEY: 'k',
        OPENAI_MODEL: 'm',
      }),
    ).toEqual({ baseUrl: 'http://127.0.0.1:1/v1', apiKey: 'k', model: 'm', timeoutMs: 10_000 });
  });

  it('resolves the phrases the model copied with the engine, not with the model', () => {
    const result = fromToolCall('create_task', { text: 'standup every weekday at 9am' }, 'whatever', context);
    expect(result?.task).toEqual({
      title: 'standup',
      dueAt: '2026-11-27T09:00:00+01:00',
      allDay: false,
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', anchor: 'schedule' },
    });
    expect(
      fromToolCall('update_task', { target: 'the report', change: 'friday 3pm' }, 'x', context),
    ).toMatchObject({
      intent: 'update_task',
      target: 'report',
      task: { dueAt: '2026-11-27T15:00:00+01:00', allDay: false },
    });
  });

  it('rejects arguments it did not ask for, such as a user id, and empty targets', () => {
    expect(
      fromToolCall('delete_task', { target: 'report', user_id: 'someone-else' }, 'x', context),
    ).toBeNull();
    expect(fromToolCall('complete_task', { target: '  ' }, 'x', context)).toBeNull();
    expect(fromToolCall('undo', { taskId: 'abc' }, 'x', context)).toBeNull();
  });
});
