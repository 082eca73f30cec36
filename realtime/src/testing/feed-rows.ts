import { taskView } from '@todo/contracts/testing';
import type { Knex } from '@todo/platform';
import { randomUUID } from 'node:crypto';

/**
 * Appends `count` large rows to a user's change feed, as the tasks projection would, and
 * announces them: a quick way to push megabytes at a client without thousands of commands.
 */
export async function appendBulkyFeedRows(
  knex: Knex,
  userId: string,
  count: number,
  bytesEach: number,
  announce = true,
) {
  const last = await knex('task_changes').where({ user_id: userId }).max('user_seq as m').first();
  const from = Number(last?.m ?? 0);
  const description = 'x'.repeat(bytesEach);
  const rows = Array.from({ length: count }, (_, i) => {
    const id = randomUUID();
    return {
      user_id: userId,
      user_seq: from + i + 1,
      position: 0,
      task_id: id,
      kind: 'upserted',
      task: JSON.stringify(taskView({ id, title: `bulk ${from + i + 1}`, description })),
      event_type: 'todo.task.created.v1',
      event_data: '{}',
      // The feed's retention is judged by the database's clock, so the row is stamped by it.
      event_time: knex.fn.now(),
    };
  });
  for (let i = 0; i < rows.length; i += 200) await knex('task_changes').insert(rows.slice(i, i + 200));
  if (announce) await knex.raw('select pg_notify(?, ?)', ['todo_projection', userId]);
}
