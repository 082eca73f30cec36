/**
 * Validates an RFC 5545 RRULE value (without DTSTART: the task's due time and time zone
 * are the start). Written by hand so that contracts stays dependency-light and the
 * browser and the server reject exactly the same rules with the same messages.
 */
const FREQS = ['HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const;
const WEEKDAY = '(MO|TU|WE|TH|FR|SA|SU)';
const intList = (min: number, max: number, allowNegative: boolean) => (value: string) =>
  value.split(',').every((part) => {
    if (!/^[+-]?\d{1,3}$/.test(part)) return false;
    const n = Number(part);
    if (n === 0) return false;
    if (n < 0 && !allowNegative) return false;
    return Math.abs(n) >= min && Math.abs(n) <= max;
  });

const PART_RULES: Record<string, { check: (v: string) => boolean; expected: string }> = {
  FREQ: { check: (v) => (FREQS as readonly string[]).includes(v), expected: `one of ${FREQS.join(', ')}` },
  INTERVAL: { check: (v) => /^\d{1,4}$/.test(v) && Number(v) >= 1, expected: 'a positive integer' },
  COUNT: { check: (v) => /^\d{1,5}$/.test(v) && Number(v) >= 1, expected: 'a positive integer' },
  UNTIL: {
    check: (v) => /^\d{8}(T\d{6}Z?)?$/.test(v),
    expected: 'a date (YYYYMMDD) or UTC date-time (YYYYMMDDTHHMMSSZ)',
  },
  BYDAY: {
    check: (v) =>
      v.split(',').every((d) => new RegExp(`^([+-]?([1-9]|[1-4]\\d|5[0-3]))?${WEEKDAY}$`).test(d)),
    expected: 'weekdays such as MO,TU or -1FR',
  },
  BYMONTHDAY: { check: intList(1, 31, true), expected: 'days of the month 1..31 or -31..-1' },
  BYMONTH: { check: intList(1, 12, false), expected: 'months 1..12' },
  BYYEARDAY: { check: intList(1, 366, true), expected: 'days of the year 1..366 or -366..-1' },
  BYWEEKNO: { check: intList(1, 53, true), expected: 'weeks 1..53 or -53..-1' },
  BYSETPOS: { check: intList(1, 366, true), expected: 'positions 1..366 or -366..-1' },
  BYHOUR: {
    check: (v) => v.split(',').every((h) => /^\d{1,2}$/.test(h) && Number(h) <= 23),
    expected: 'hours 0..23',
  },
  BYMINUTE: {
    check: (v) => v.split(',').every((m) => /^\d{1,2}$/.test(m) && Number(m) <= 59),
    expected: 'minutes 0..59',
  },
  WKST: { check: (v) => new RegExp(`^${WEEKDAY}$`).test(v), expected: 'a weekday such as MO' },
};

/**
 * Returns null when the rule is well-formed, otherwise a message saying what is wrong.
 * Syntax only: this check also reads events, where a rule written before a stricter check
 * must still load. Whether the rule ever occurs is the decider's check, when a rule is set
 * (`occurrenceProblem`).
 */
export function rruleProblem(rule: string): string | null {
  const text = rule.trim().replace(/^RRULE:/i, '');
  if (text.length === 0) return 'the rule is empty';
  if (text.length > 500) return 'the rule is longer than 500 characters';
  const seen = new Map<string, string>();
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return `"${part}" is not KEY=VALUE`;
    const key = part.slice(0, eq).toUpperCase();
    const value = part.slice(eq + 1).toUpperCase();
    if (key === 'DTSTART' || key === 'TZID')
      return `${key} is not allowed: the task's due time and time zone are the start`;
    const partRule = PART_RULES[key];
    if (!partRule) return `unknown RRULE part ${key}`;
    if (seen.has(key)) return `${key} appears twice`;
    if (!partRule.check(value)) return `${key}=${value} is invalid: expected ${partRule.expected}`;
    seen.set(key, value);
  }
  if (!seen.has('FREQ')) return 'FREQ is required';
  if (seen.has('COUNT') && seen.has('UNTIL')) return 'COUNT and UNTIL cannot both be given (RFC 5545)';
  return null;
}

/** Upper-cases the rule and drops an "RRULE:" prefix so equal rules compare equal. */
export function normaliseRrule(rule: string): string {
  return rule
    .trim()
    .replace(/^RRULE:/i, '')
    .toUpperCase();
}
