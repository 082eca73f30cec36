import type { AnyEnvelope } from '@todo/contracts';

/**
 * The streams whose whole history, up to their last event here, is in this batch of the log:
 * their events from version 1 on, each version once and in order. The log keeps a stream's
 * events in version order, so a batch that holds a stream's first event holds everything up
 * to its last one, and a consumer can fold it without reading the stream back (a new task's
 * created event is the common case). Anything else (a stream begun in an earlier batch, a
 * repeat, a gap) is left out, and its history must be read.
 */
export function historiesInBatch(events: readonly AnyEnvelope[]): Map<string, AnyEnvelope[]> {
  const histories = new Map<string, AnyEnvelope[]>();
  const broken = new Set<string>();
  for (const event of events) {
    if (broken.has(event.subject)) continue;
    const history = histories.get(event.subject) ?? [];
    if (event.streamversion !== history.length + 1) {
      histories.delete(event.subject);
      broken.add(event.subject);
      continue;
    }
    history.push(event);
    histories.set(event.subject, history);
  }
  return histories;
}
