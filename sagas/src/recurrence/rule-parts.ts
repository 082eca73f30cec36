import { readRuleParts, type RuleParts } from '@todo/contracts';
import { localIn, toFloating } from './wall-clock.ts';

export interface ParsedRule {
  /** The rule's parts; COUNT and UNTIL are handled here, in wall-clock time. */
  parts: RuleParts;
  count: number | null;
  /** The last allowed wall-clock moment (inclusive) as floating time, or null. */
  untilFloating: Date | null;
}

function partsOf(rule: string): Map<string, string> {
  const parts = new Map<string, string>();
  for (const part of rule.replace(/^RRULE:/i, '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) parts.set(part.slice(0, eq).toUpperCase(), part.slice(eq + 1).toUpperCase());
  }
  return parts;
}

/**
 * UNTIL in UTC (…Z) is an instant: seen on the task's wall clock. A date-only UNTIL ends
 * the series at the end of that local day (inclusive); a floating date-time is local.
 */
function untilAsFloating(until: string, zone: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(until);
  if (!m) throw new Error(`invalid UNTIL ${until}`);
  const [, y, mo, d, h, mi, s, z] = m;
  if (h === undefined) return new Date(Date.UTC(+y!, +mo! - 1, +d!, 23, 59, 59, 999));
  const utc = Date.UTC(+y!, +mo! - 1, +d!, +h, +mi!, +s!);
  if (z !== 'Z') return new Date(utc);
  return toFloating(localIn(new Date(utc).toISOString(), zone));
}

export function parseRule(rule: string, zone: string): ParsedRule {
  const parts = readRuleParts(rule);
  return {
    parts,
    count: parts.count,
    untilFloating: parts.until === null ? null : untilAsFloating(parts.until, zone),
  };
}

/** The rule text with COUNT set to what is left of the series (other parts unchanged). */
export function withCount(rule: string, count: number | null): string {
  if (count === null) return rule;
  const parts = partsOf(rule);
  parts.set('COUNT', String(count));
  return [...parts].map(([k, v]) => `${k}=${v}`).join(';');
}

/**
 * Adds BYHOUR/BYMINUTE for the given wall-clock time when the rule does not fix the time
 * of day itself (and repeats daily or less often, where that changes nothing else).
 */
export function pinTimeOfDay(rule: string, wallClock: Date): string {
  const parts = partsOf(rule);
  if (parts.has('BYHOUR') || parts.has('BYMINUTE')) return rule;
  if (parts.get('FREQ') === 'HOURLY') return rule;
  parts.set('BYHOUR', String(wallClock.getUTCHours()));
  parts.set('BYMINUTE', String(wallClock.getUTCMinutes()));
  return [...parts].map(([k, v]) => `${k}=${v}`).join(';');
}
