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
