import type { NlSpan, NlSpanField } from '@todo/contracts';

export interface Segment {
  text: string;
  field: NlSpanField | null;
}

/**
 * Cuts the typed text into plain and understood pieces for highlighting. Spans that overlap
 * an earlier one or fall outside the text (the text changed since it was parsed) are dropped.
 */
export function segmentsOf(text: string, spans: readonly NlSpan[]): Segment[] {
  const ordered = [...spans]
    .filter((s) => s.start >= 0 && s.end > s.start && s.end <= text.length)
    .sort((a, b) => a.start - b.start);
  const segments: Segment[] = [];
  let at = 0;
  for (const span of ordered) {
    if (span.start < at) continue;
    if (span.start > at) segments.push({ text: text.slice(at, span.start), field: null });
    segments.push({ text: text.slice(span.start, span.end), field: span.field });
    at = span.end;
  }
  if (at < text.length) segments.push({ text: text.slice(at), field: null });
  return segments;
}
