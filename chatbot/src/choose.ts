import { ordinalOf } from '@todo/nl';

const CANCEL = /^(?:cancel|never\s*mind|nevermind|none|neither|no|nothing|stop|forget\s+it)\b/i;

/**
 * Reads the answer to "which one did you mean?": a number ("2", "#2", "the second"),
 * or words that match exactly one of the titles. Null when it answers nothing.
 */
export function chooseCandidate(answer: string, titles: string[]): number | 'cancel' | null {
  const text = answer
    .trim()
    .toLowerCase()
    .replace(/[.!?]+$/, '');
  if (CANCEL.test(text)) return 'cancel';
  const numbered = /^(?:#|number\s+|no\.?\s*)?(\d{1,2})$/.exec(text);
  if (numbered) {
    const n = Number(numbered[1]);
    return n >= 1 && n <= titles.length ? n - 1 : null;
  }
  const ordinal = /^(?:the\s+)?(\w+)(?:\s+one)?$/.exec(text);
  const n = ordinal ? ordinalOf(ordinal[1]) : null;
  if (n !== null) return n === -1 ? titles.length - 1 : n <= titles.length ? n - 1 : null;
  const exact = titles.findIndex((t) => t.toLowerCase() === text);
  if (exact >= 0) return exact;
  const words = text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (words.length === 0) return null;
  const hits = titles.flatMap((t, i) => (words.every((w) => t.toLowerCase().includes(w)) ? [i] : []));
  return hits.length === 1 ? hits[0]! : null;
}
