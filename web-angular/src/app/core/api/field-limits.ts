/**
 * Field limits of @todo/contracts, restated as plain numbers: importing them as values
 * from contracts would pull zod (its schemas) into the browser bundle. The spec beside
 * this file fails if they ever drift from the contracts.
 */
export const FIELD_LIMITS = {
  TITLE_MAX: 500,
  DESCRIPTION_MAX: 10_000,
  TAGS_MAX: 20,
  TAG_MAX: 40,
  REMINDERS_MAX: 10,
  NL_TEXT_MAX: 2000,
} as const;
