import type { ResolvedFilter } from '@todo/contracts';
import { LIST_KEY } from '../schema.ts';
import { PRIORITY_RANK } from '../task-row.ts';
import { toPrefixTsQuery } from './search-query.ts';

/** A WHERE fragment: SQL that holds only column names and `?`, and the values for them. */
export interface SqlFragment {
  sql: string;
  bindings: (string | number)[];
}

// The same expression as the `by_due` index, so that a range on it is an index range; it
// is never NULL, so `not (...)` keeps tasks without a date instead of dropping them.
const DUE = `coalesce(due_at, 'infinity'::timestamptz)`;

const fragment = (sql: string, ...bindings: (string | number)[]): SqlFragment => ({ sql, bindings });

/**
 * Compiles a resolved filter to a parameterised condition on the `tasks` table. Nothing the
 * user typed is part of `sql`: labels, search text and instants are all bindings. Every
 * condition is two-valued (no NULL), so `!` means exactly "not" as the reference evaluation
 * (`matchesFilter` in contracts) has it.
 */
export function filterSql(filter: ResolvedFilter): SqlFragment {
  switch (filter.kind) {
    case 'and':
    case 'or': {
      const left = filterSql(filter.left);
      const right = filterSql(filter.right);
      return {
        sql: `(${left.sql} ${filter.kind} ${right.sql})`,
        bindings: [...left.bindings, ...right.bindings],
      };
    }
    case 'not': {
      const operand = filterSql(filter.operand);
      return { sql: `(not ${operand.sql})`, bindings: operand.bindings };
    }
    case 'due':
      return fragment(
        `(${DUE} >= ?::timestamptz and ${DUE} < ?::timestamptz)`,
        filter.from ?? '-infinity',
        filter.to ?? 'infinity',
      );
    case 'created':
      return fragment(
        `(created_at >= ?::timestamptz and created_at < ?::timestamptz)`,
        filter.from ?? '-infinity',
        filter.to ?? 'infinity',
      );
    case 'overdue':
      return fragment(
        `(${DUE} < ?::timestamptz and (not all_day or ${DUE} < ?::timestamptz))`,
        filter.now,
        filter.startOfToday,
      );
    case 'noDate':
      return fragment(`(${DUE} = 'infinity'::timestamptz)`);
    case 'priority':
      return fragment(`(priority_rank = ?::smallint)`, PRIORITY_RANK[filter.priority]);
    case 'label':
      return fragment(`(tags @> array[?]::text[])`, filter.name);
    case 'noLabels':
      return fragment(`(cardinality(tags) = 0)`);
    case 'list':
      // The expression of the `by_list` index; the ids come from the lists read model.
      return fragment(
        `(${LIST_KEY} in (${filter.listIds.map(() => '?::uuid').join(', ')}))`,
        ...filter.listIds,
      );
    case 'nothing':
      return fragment('false');
    case 'search': {
      const tsquery = toPrefixTsQuery(filter.text);
      return tsquery ? fragment(`(search @@ to_tsquery('simple', ?))`, tsquery) : fragment('false');
    }
    case 'recurring':
      return fragment(`(recurrence is not null)`);
    case 'completed':
      return fragment(`(status = 'completed')`);
  }
}
