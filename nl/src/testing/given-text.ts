import { expect } from '@jest/globals';
import type { ParseResult } from '@todo/contracts';
import { parse } from '../parse.ts';

/** given('text').at(now, zone).then({...expected}) for the engine; spans checked separately. */
export function given(text: string) {
  let now = new Date('2026-11-26T08:00:00Z'); // a Thursday, 09:00 in Paris
  let timezone = 'Europe/Paris';
  let lists: { id: string; name: string }[] = [];
  const api = {
    /** The user's lists, which `#Name` may name. */
    withLists(names: { id: string; name: string }[]) {
      lists = names;
      return api;
    },
    at(iso: string, zone = timezone) {
      now = new Date(iso);
      timezone = zone;
      return api;
    },
    result(): ParseResult {
      return parse(text, { now, timezone, lists });
    },
    then(expected: Partial<Omit<ParseResult, 'spans' | 'now' | 'timezone' | 'text'>>) {
      const { spans: _spans, now: _now, timezone: _zone, text: _text, ...actual } = api.result();
      expect(actual).toEqual(expected);
    },
    thenSpans(expected: [string, string][]) {
      expect(api.result().spans.map((s) => [s.field, s.text])).toEqual(expected);
    },
  };
  return api;
}
