import { describe, expect, it } from '@jest/globals';
import type { AnyEnvelope } from '@todo/contracts';
import { evolveTask } from './evolve.ts';
import type { TaskDoc } from './task-doc.ts';

const taskId = '11111111-1111-4111-8111-111111111111';
const userId = '22222222-2222-4222-8222-222222222222';
let version = 0;
const envelope = (type: string, data: unknown, streamversion = ++version): AnyEnvelope => ({
  specversion: '1.0',
  id: `e${streamversion}`,
  source: 'test',
  type,
  subject: taskId,
  time: `2026-01-0${Math.min(streamversion, 9)}T00:00:00.000Z`,
  datacontenttype: 'application/json',
  data,
  userid: userId,
  streamversion,
  position: String(streamversion),
  userseq: String(streamversion),
  correlationid: 'c',
  causationid: null,
});
const created = (v: number) =>
  envelope(
    'todo.task.created.v1',
    {
      title: 'Pay rent',
      description: '',
      priority: 'high',
      tags: ['home'],
      dueAt: null,
      allDay: false,
      timezone: 'UTC',
      recurrence: null,
      reminders: [],
      seriesId: null,
      spawnedFrom: null,
      listId: null,
    },
    v,
  );

const fold = (events: AnyEnvelope[]) => events.reduce<TaskDoc | null>(evolveTask, null);

describe('tasks read model', () => {
  it('given created, when completed, then shows it completed at the new version', () => {
    const doc = fold([
      created(1),
      envelope('todo.task.completed.v1', { completedAt: '2026-02-01T00:00:00.000Z' }, 2),
    ]);
    expect(doc).toMatchObject({ status: 'completed', completedAt: '2026-02-01T00:00:00.000Z', version: 2 });
  });

  it('given an update, then merges only the changed fields', () => {
    const doc = fold([
      created(1),
      envelope('todo.task.updated.v1', { changes: { title: 'Pay the rent' } }, 2),
    ]);
    expect(doc).toMatchObject({ title: 'Pay the rent', priority: 'high', tags: ['home'], version: 2 });
  });

  it('given a delete, then the row is gone', () => {
    expect(fold([created(1), envelope('todo.task.deleted.v1', {}, 2)])).toBeNull();
  });

  it('when an event is delivered twice, then the second changes nothing', () => {
    const update = envelope('todo.task.updated.v1', { changes: { title: 'once' } }, 2);
    const again = envelope('todo.task.updated.v1', { changes: { title: 'stale' } }, 2);
    expect(fold([created(1), update, again])).toMatchObject({ title: 'once', version: 2 });
  });

  it('when an event of an unknown type arrives, then only the version moves', () => {
    const doc = fold([created(1), envelope('todo.task.something-new.v9', { x: 1 }, 2)]);
    expect(doc).toMatchObject({ title: 'Pay rent', version: 2 });
  });
});
