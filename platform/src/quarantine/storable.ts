/**
 * What a quarantine row keeps must always be storable: the row is how a consumer goes on
 * past an event it cannot apply, so an event PostgreSQL cannot store (a NUL, an unpaired
 * surrogate, from a Kafka record nobody validated) must not make the row itself fail and stop
 * the log. Such characters become U+FFFD in the operator's copy; the event could never have
 * been applied anyway, and the rest of it stays readable.
 */
export const storableText = (text: string): string => text.toWellFormed().replaceAll('\u0000', '\uFFFD');

/** `value` with every string in it (keys too) made storable. */
export function storableJson(value: unknown): unknown {
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value)) return value.map(storableJson);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [storableText(key), storableJson(inner)]),
    );
  }
  return value;
}
