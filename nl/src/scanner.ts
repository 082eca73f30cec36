import type { NlSpan, NlSpanField } from '@todo/contracts';

/**
 * The text being read. `work` is the text in ASCII lower case with every understood
 * range blanked out, so later rules cannot read a word twice and every offset still
 * points into the original text.
 */
export interface Scanner {
  readonly text: string;
  work: string;
  readonly spans: NlSpan[];
}

const lowerAscii = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

export function scan(text: string): Scanner {
  return { text, work: lowerAscii(text), spans: [] };
}

/** Marks [start, end) as understood as `field` (trimmed of spaces) and blanks it out. */
export function consume(s: Scanner, field: NlSpanField, start: number, end: number): void {
  while (start < end && /\s/.test(s.work[start]!)) start++;
  while (end > start && /\s/.test(s.work[end - 1]!)) end--;
  if (end <= start) return;
  s.work = s.work.slice(0, start) + ' '.repeat(end - start) + s.work.slice(end);
  s.spans.push({ field, start, end, text: s.text.slice(start, end) });
}

/** Reports a span but leaves the words in place: they are also part of the title. */
export function mark(s: Scanner, field: NlSpanField, start: number, end: number): void {
  s.spans.push({ field, start, end, text: s.text.slice(start, end) });
}

/** Blanks out a range without reporting a span (connector words such as "on" or "by"). */
export function blank(s: Scanner, start: number, end: number): void {
  s.work = s.work.slice(0, start) + ' '.repeat(end - start) + s.work.slice(end);
}

export interface Token {
  text: string;
  start: number;
  end: number;
}

/** Words, numbers (with an ordinal suffix) and the punctuation the grammar cares about. */
export function tokens(work: string, from = 0, to = work.length): Token[] {
  const out: Token[] = [];
  const re = /\d+(?:st|nd|rd|th)?|[a-z]+|[!,\-:/&]/g;
  re.lastIndex = from;
  for (let m = re.exec(work); m && m.index < to; m = re.exec(work)) {
    out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** The original text with every consumed range removed, whitespace collapsed. */
export function leftover(s: Scanner, from = 0, to = s.text.length): string {
  let out = '';
  for (let i = from; i < to; i++) out += s.work[i] === ' ' && s.text[i] !== ' ' ? ' ' : s.text[i];
  return out.replace(/\s+/g, ' ').trim();
}
