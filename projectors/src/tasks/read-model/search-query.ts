import { badRequest } from '@todo/platform';

/**
 * Turns free text into a prefix-matching tsquery over the `simple` configuration:
 * "pay ren" finds "Pay rent". Only letters and digits survive, so no tsquery syntax leaks in.
 */
export function toPrefixTsQuery(text: string): string | null {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return null;
  return words
    .slice(0, 10)
    .map((w) => `${w}:*`)
    .join(' & ');
}

/** The tsquery of a list's `q`, or a 400 naming `q` when it has nothing to search for. */
export function searchTsQuery(q: string): string {
  const tsquery = toPrefixTsQuery(q);
  if (!tsquery)
    throw badRequest('q needs at least one letter or digit', [
      { field: 'q', message: 'needs a letter or digit' },
    ]);
  return tsquery;
}
