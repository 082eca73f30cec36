import { isListEventType, type AnyEnvelope } from '@todo/contracts';
import type { Knex } from '@todo/platform';
import { evolveListDoc } from './evolve-list.ts';
import { listDocToRow, rowToListDoc, toListView, type ListDoc } from './list-doc.ts';
import { LIST_COLUMNS } from './schema.ts';

export const isListEvent = (event: AnyEnvelope): boolean => isListEventType(event.type);

/**
 * The list rows a batch touches, loaded once, folded in memory and written once, in the
 * projection's transaction (as the tasks are).
 */
export class ListBatch {
  private readonly docs = new Map<string, ListDoc | null>();
  private readonly existed = new Set<string>();
  private readonly table: string;

  private constructor(table: string) {
    this.table = table;
  }

  static async load(db: Knex | Knex.Transaction, table: string, events: AnyEnvelope[]): Promise<ListBatch> {
    const batch = new ListBatch(table);
    const ids = [...new Set(events.filter(isListEvent).map((e) => e.subject))];
    if (ids.length === 0) return batch;
    const rows = await db(table).select(LIST_COLUMNS).whereIn('id', ids);
    for (const row of rows) {
      batch.docs.set(row.id as string, rowToListDoc(row));
      batch.existed.add(row.id as string);
    }
    return batch;
  }

  /** Folds one event in; the list's view afterwards, null when it is gone. */
  apply(event: AnyEnvelope, skipped: boolean): ReturnType<typeof toListView> | null {
    const before = this.docs.get(event.subject) ?? null;
    const after = skipped ? before : evolveListDoc(before, event);
    this.docs.set(event.subject, after);
    return after ? toListView(after) : null;
  }

  /** The upserts and deletes of the touched lists, as statements (not yet run). */
  writes(db: Knex | Knex.Transaction): Knex.QueryBuilder[] {
    const upserts = [...this.docs.values()].filter((d): d is ListDoc => d !== null).map(listDocToRow);
    const deletes = [...this.docs.entries()]
      .filter(([id, d]) => d === null && this.existed.has(id))
      .map(([id]) => id);
    return [
      ...(upserts.length ? [db(this.table).insert(upserts).onConflict('id').merge()] : []),
      ...(deletes.length ? [db(this.table).whereIn('id', deletes).delete()] : []),
    ];
  }
}
