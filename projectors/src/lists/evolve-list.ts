import {
  LIST_ARCHIVED,
  LIST_CREATED,
  LIST_DELETED,
  LIST_RECOLOURED,
  LIST_RENAMED,
  LIST_REORDERED,
  LIST_UNARCHIVED,
  toListEvent,
  type AnyEnvelope,
} from '@todo/contracts';
import type { ListDoc } from './list-doc.ts';

/**
 * The lists read model's pure fold, like `evolveTask`: an event at or below the row's
 * version was applied already; an unknown one still moves the version (If-Match).
 */
export function evolveListDoc(doc: ListDoc | null, envelope: AnyEnvelope): ListDoc | null {
  if (doc && envelope.streamversion <= doc.version) return doc;
  const event = toListEvent(envelope);
  const touched = (d: ListDoc): ListDoc => ({
    ...d,
    version: envelope.streamversion,
    updatedAt: envelope.time,
  });
  if (!event) return doc ? touched(doc) : null;
  if (event.type === LIST_CREATED) {
    return {
      id: envelope.subject,
      userId: envelope.userid,
      name: event.data.name,
      colour: event.data.colour,
      order: event.data.order,
      archived: false,
      createdAt: envelope.time,
      updatedAt: envelope.time,
      version: envelope.streamversion,
    };
  }
  if (!doc) return null;
  switch (event.type) {
    case LIST_RENAMED:
      return { ...touched(doc), name: event.data.name };
    case LIST_RECOLOURED:
      return { ...touched(doc), colour: event.data.colour };
    case LIST_REORDERED:
      return { ...touched(doc), order: event.data.order };
    case LIST_ARCHIVED:
      return { ...touched(doc), archived: true };
    case LIST_UNARCHIVED:
      return { ...touched(doc), archived: false };
    case LIST_DELETED:
      return null;
    default: {
      const _exhaustive: never = event;
      return doc;
    }
  }
}
