// The one RRULE module: check, read, write, expand and say a rule in words. Browser-safe
// (no zod, Intl only): the SPA imports it from the contracts index (`sideEffects: false`).
export { normaliseRrule, rruleProblem } from './validation.ts';
export { readRuleParts, type Frequency, type RuleParts, type WeekdayEntry } from './rule-parts.ts';
export { formatRule, formatRuleFields, ruleFields, withRuleFields, type RuleSpec } from './rule-text.ts';
export { DAY_NAMES, isWeekdayCode, MONTH_NAMES, WEEKDAY_CODES, type WeekdayCode } from './names.ts';
export {
  describeRecurrence,
  describeRule,
  joinWords,
  ordinal,
  ruleLabel,
  type DescribeOptions,
} from './describe.ts';
export { untilDate, untilOnWallClock } from './until.ts';
export {
  DEFAULT_EXPANSION_LIMITS,
  Expansion,
  ExpansionLimitReached,
  type ExpansionInput,
  type ExpansionLimits,
} from './expansion.ts';
export { neverOccursProblem } from './never-occurs.ts';
export { OCCURRENCE_HORIZON_YEARS, occurrenceProblem, yearsLater } from './occurs-within.ts';
export { wallClockOf } from './wall-clock.ts';
