import type { ListView } from '@todo/contracts';

/** A list as the read model keeps it: the view the API shows, plus its owner. */
export type ListDoc = ListView & { userId: string };

export function toListView(doc: ListDoc): ListView {
  const { userId: _userId, ...view } = doc;
  return view;
}

type Row = Record<string, unknown>;
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v));

export function listDocToRow(doc: ListDoc): Row {
  return {
    id: doc.id,
    user_id: doc.userId,
    name: doc.name,
    colour: doc.colour,
    position: doc.order,
    archived: doc.archived,
    created_at: doc.createdAt,
    updated_at: doc.updatedAt,
    version: doc.version,
  };
}

export function rowToListDoc(row: Row): ListDoc {
  return {
    id: row.id as string,
    userId: row.user_id as string,
    name: row.name as string,
    colour: row.colour as string,
    order: row.position as number,
    archived: row.archived as boolean,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    version: row.version as number,
  };
}
