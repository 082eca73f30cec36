import type { Knex } from '@todo/platform';
import { LIST_COLUMNS } from '../lists/schema.ts';
import { TASK_COLUMNS } from '../tasks/schema.ts';

/**
 * A digest of a tasks table's content, independent of physical order: two builds of the
 * projection from the same log must give the same value.
 */
export function tasksChecksum(
  knex: Knex | Knex.Transaction,
  table: string,
): Promise<{ rows: number; md5: string }> {
  return tableChecksum(knex, table, TASK_COLUMNS);
}

/** The same digest of a lists table. */
export function listsChecksum(
  knex: Knex | Knex.Transaction,
  table: string,
): Promise<{ rows: number; md5: string }> {
  return tableChecksum(knex, table, LIST_COLUMNS);
}

async function tableChecksum(
  knex: Knex | Knex.Transaction,
  table: string,
  names: readonly string[],
): Promise<{ rows: number; md5: string }> {
  const columns = names.join(', ');
  const result = await knex.raw(
    `select count(*)::int as rows,
            md5(coalesce(string_agg(md5(t::text), '' order by t.id), '')) as md5
       from (select ${columns} from ${table}) t`,
  );
  return { rows: result.rows[0].rows, md5: result.rows[0].md5 };
}
