import type { Priority } from '@todo/contracts';
import { consume, type Scanner } from './scanner.ts';

const BY_NUMBER: Record<string, Priority> = { '1': 'high', '2': 'medium', '3': 'low', '4': 'none' };
const BY_WORD: Record<string, Priority> = {
  high: 'high',
  top: 'high',
  urgent: 'high',
  medium: 'medium',
  med: 'medium',
  normal: 'medium',
  low: 'low',
  no: 'none',
  none: 'none',
  ...BY_NUMBER,
};

const RULES: { re: RegExp; value: (m: RegExpExecArray) => Priority }[] = [
  // Todoist: p1 is the highest, p4 means none; "!!1" is the same in Todoist's shorthand.
  { re: /(?<![\w#])(?:p|!!)([1-4])\b/g, value: (m) => BY_NUMBER[m[1]!]! },
  {
    re: /\b(?:with\s+)?(high|top|medium|med|normal|low|no)[\s-]+prio(?:rity)?\b/g,
    value: (m) => BY_WORD[m[1]!]!,
  },
  {
    re: /\b(?:with\s+)?prio(?:rity)?(?:\s+(?:to|of|is|=))?[\s:]+(high|top|urgent|medium|med|normal|low|none|[1-4])\b/g,
    value: (m) => BY_WORD[m[1]!]!,
  },
  { re: /\b(?:urgent(?:ly)?|asap|important)\b/g, value: () => 'high' },
];

/** "p1"…"p4", "high priority", "priority: low", "urgent", "important". First match wins. */
export function readPriority(s: Scanner, from: number, to: number): Priority | null {
  for (const rule of RULES) {
    rule.re.lastIndex = from;
    const m = rule.re.exec(s.work);
    if (!m || m.index + m[0].length > to) continue;
    consume(s, 'priority', m.index, m.index + m[0].length);
    return rule.value(m);
  }
  return null;
}

/** A priority named on its own, as in "set priority of taxes to low". */
export function readBarePriority(s: Scanner, from: number, to: number): Priority | null {
  const m = /^\s*(?:p([1-4])|(high|top|urgent|medium|med|normal|low|none|no))\s*$/.exec(
    s.work.slice(from, to),
  );
  if (!m) return readPriority(s, from, to);
  consume(s, 'priority', from, to);
  return m[1] ? BY_NUMBER[m[1]]! : BY_WORD[m[2]!]!;
}
