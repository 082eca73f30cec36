/**
 * Maildir names a message `<seconds>.M<microseconds>P<pid>Q<n>.<host>`, the microseconds not
 * zero-padded (Python's mailbox), so two messages in one second sort wrongly as text.
 */
function deliveryTime(name: string): [number, number] {
  const match = /^(\d+)\.M(\d+)/.exec(name);
  return match ? [Number(match[1]), Number(match[2])] : [Number.MAX_SAFE_INTEGER, 0];
}

/** Orders Maildir file names oldest first. */
export function byDeliveryTime(a: string, b: string): number {
  const [as, aus] = deliveryTime(a);
  const [bs, bus] = deliveryTime(b);
  return as - bs || aus - bus || a.localeCompare(b);
}
