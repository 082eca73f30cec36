import type { Knex } from '@todo/platform';
import { TASK_COLUMNS } from '../tasks/schema.ts';

/**
 * A digest of a tasks table's content, independent of physical order: two builds of the
 * projection from the same log must give the same value.
 */
export async function tasksChecksum(
  knex: Knex | Knex.Transaction,
  table: string,
): Promise<{ rows: number; md5: string }> {
  const columns = TASK_COLUMNS.join(', ');
  const result = await knex.raw(
    `select count(*)::int as rows,
            md5(coalesce(string_agg(md5(t::text), '' order by t.id), '')) as md5
       from (select ${columns} from ${table}) t`,
  );
  return { rows: result.rows[0].rows, md5: result.rows[0].md5 };
}
