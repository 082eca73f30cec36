import type { SqlFragment } from './filter-sql.ts';

/** Collects the values of a statement and names their `$n`. */
export class StatementValues {
  readonly list: unknown[] = [];
  add(value: unknown): string {
    return `$${this.list.push(value)}`;
  }
  /** A knex-style fragment (`?` for each value, nothing else: see filterSql) in `$n` terms. */
  fragment(fragment: SqlFragment): string {
    let i = 0;
    return fragment.sql.replace(/\?/g, () => this.add(fragment.bindings[i++]));
  }
}
