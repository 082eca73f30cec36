import type { Frequency } from './rule-parts.ts';
import type { WeekdayCode } from './names.ts';

/**
 * An RRULE as text: read into its KEY=VALUE fields, written back, and written from the
 * shapes the language engine and the SPA's builder make. Reading and typing a rule for
 * expansion is `readRuleParts`; checking it is `rruleProblem`.
 */

/** The fields of a rule in their order, keys and values upper-cased, without "RRULE:". */
export function ruleFields(rule: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const part of rule
    .trim()
    .replace(/^RRULE:/i, '')
    .split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).toUpperCase(), part.slice(eq + 1).toUpperCase());
  }
  return fields;
}

export function formatRuleFields(fields: ReadonlyMap<string, string>): string {
  return [...fields].map(([key, value]) => `${key}=${value}`).join(';');
}

/** The rule with the given fields set: a field it has keeps its place, a new one goes last. */
export function withRuleFields(rule: string, changes: Readonly<Record<string, string>>): string {
  const fields = ruleFields(rule);
  for (const [key, value] of Object.entries(changes)) fields.set(key, value);
  return formatRuleFields(fields);
}

/** The subset of RFC 5545 the language engine and the recurrence builder write. */
export interface RuleSpec {
  freq: Frequency;
  interval?: number;
  /** Weekdays, with an optional position in the month ("-1FR" = last Friday). */
  byDay?: { weekday: WeekdayCode; nth?: number }[];
  byMonthDay?: number[];
  byMonth?: number[];
  /** Several times a day ("at 7am and 7pm"): hours, and minutes when not on the hour. */
  byHour?: number[];
  byMinute?: number[];
  /** Picks among a period's occurrences: "the first workday" (BYDAY=MO..FR;BYSETPOS=1). */
  bySetPos?: number[];
  count?: number;
  /** UTC date-time in RRULE form, e.g. 20261231T225959Z. */
  until?: string;
}

/** The rule text of a spec, its parts always in the same order (so equal rules compare equal). */
export function formatRule(spec: RuleSpec): string {
  const out = [`FREQ=${spec.freq}`];
  if (spec.interval && spec.interval > 1) out.push(`INTERVAL=${spec.interval}`);
  if (spec.byMonth?.length) out.push(`BYMONTH=${spec.byMonth.join(',')}`);
  if (spec.byMonthDay?.length) out.push(`BYMONTHDAY=${spec.byMonthDay.join(',')}`);
  if (spec.byDay?.length) out.push(`BYDAY=${spec.byDay.map((d) => `${d.nth ?? ''}${d.weekday}`).join(',')}`);
  if (spec.byHour?.length) out.push(`BYHOUR=${spec.byHour.join(',')}`);
  if (spec.byMinute?.length) out.push(`BYMINUTE=${spec.byMinute.join(',')}`);
  if (spec.bySetPos?.length) out.push(`BYSETPOS=${spec.bySetPos.join(',')}`);
  if (spec.count) out.push(`COUNT=${spec.count}`);
  if (spec.until) out.push(`UNTIL=${spec.until}`);
  return out.join(';');
}
