export { readRuleParts, type Frequency, type RuleParts, type WeekdayEntry } from './rule-parts.ts';
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
