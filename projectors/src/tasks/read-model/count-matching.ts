import type { ResolvedFilter } from '@todo/contracts';
import type { Knex } from '@todo/platform';
import { filterSql } from './filter-sql.ts';

export interface MatchCount {
  count: number;
  /** The count reached the cap and stopped there. */
  capped: boolean;
}

/**
 * How many of the user's tasks a resolved filter matches, through the same compiler and
 * indexes as a list, without loading a row: an index-only walk stopped at `cap`, so a count
 * costs at most `cap` index entries however many tasks match.
 */
export async function countMatching(
  knex: Knex,
  userId: string,
  filter: ResolvedFilter,
  status: 'open' | 'all',
  cap: number,
): Promise<MatchCount> {
  const row = await countQuery(knex, userId, filter, status, cap).first();
  const count = Number(row?.count ?? 0);
  return { count, capped: count >= cap };
}

/** The SQL of a count (tests EXPLAIN it): the matching rows' ids, at most `cap`, counted. */
export function countQuery(
  knex: Knex,
  userId: string,
  filter: ResolvedFilter,
  status: 'open' | 'all',
  cap: number,
) {
  const condition = filterSql(filter);
  const inner = knex('tasks').select('id').where('user_id', userId);
  if (status === 'open') inner.andWhere('status', 'open');
  inner.andWhereRaw(condition.sql, condition.bindings).limit(cap);
  return knex.from(inner.as('matching')).count<{ count: string }[]>({ count: '*' });
}
