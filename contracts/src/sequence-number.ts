import { z } from 'zod';

/**
 * A pattern for decimal numbers from 0 up to `max` (leading zeros allowed up to its length),
 * so that the bound is part of the published schema and not only of the server's checks.
 */
export function decimalAtMostPattern(max: bigint): RegExp {
  const digits = max.toString();
  const alternatives = digits.length > 1 ? [`\\d{1,${digits.length - 1}}`] : [];
  for (let i = 0; i < digits.length; i++) {
    const d = Number(digits[i]);
    if (d === 0) continue;
    const rest = digits.length - i - 1;
    alternatives.push(`${digits.slice(0, i)}[0-${d - 1}]${rest ? `\\d{${rest}}` : ''}`);
  }
  alternatives.push(digits);
  return new RegExp(`^(?:${alternatives.join('|')})$`);
}

/** The largest value of PostgreSQL's bigint, which holds every log position and sequence. */
export const BIGINT_MAX = 9_223_372_036_854_775_807n;

/** A decimal sequence number that fits a bigint: a cursor beyond it is not one we gave out. */
export const SequenceNumber = z
  .string()
  .regex(decimalAtMostPattern(BIGINT_MAX), 'must be a cursor from a previous page');
