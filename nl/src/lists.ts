import { INBOX_NAME } from '@todo/contracts';
import { consume, type Scanner } from './scanner.ts';

/** A list of the user, as quick add and the chat can name it. */
export interface NlListRef {
  id: string;
  name: string;
}

export interface ListReading {
  /** null: the Inbox (`#Inbox`). */
  listId: string | null;
  name: string;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `#Name` for one of the user's lists (any case, names with spaces too: the longest name
 * that fits wins), or `#Inbox`. A `#word` that names no list is left in the text, so it
 * stays part of the title: nothing the user typed is lost and no list is made behind their
 * back. The first list named counts; a task is in one list.
 */
export function readList(
  s: Scanner,
  lists: readonly NlListRef[],
  from: number,
  to: number,
): ListReading | null {
  const candidates: ListReading[] = [
    ...lists.map((l) => ({ listId: l.id, name: l.name })),
    { listId: null, name: INBOX_NAME },
  ].sort((a, b) => b.name.length - a.name.length);
  const text = s.text.slice(0, to);
  let best: { reading: ListReading; index: number; end: number } | null = null;
  for (const reading of candidates) {
    const re = new RegExp(`(?<=^|[\\s(,])#${escape(reading.name)}(?=$|[\\s.,;:!?)])`, 'giu');
    re.lastIndex = from;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      // Only text not yet understood as something else.
      if (s.work.slice(m.index, m.index + m[0].length).trim() === '') continue;
      if (!best || m.index < best.index) best = { reading, index: m.index, end: m.index + m[0].length };
      break;
    }
  }
  if (!best) return null;
  consume(s, 'list', best.index, best.end);
  return best.reading;
}
