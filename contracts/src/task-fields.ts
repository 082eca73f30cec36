import { z } from 'zod';
import { normaliseRrule, rruleProblem } from './recurrence/validation.ts';
import { nonBlankText, SafeText } from './text.ts';
import { ListId } from './lists.ts';
import { INSTANT_MAX, INSTANT_MIN, INSTANT_RANGE_MESSAGE, isInstantInRange } from './instant-range.ts';

/** Field rules for a task, shared by commands, events, REST bodies and the SPA's forms. */
export const TITLE_MAX = 500;
export const DESCRIPTION_MAX = 10_000;
export const TAGS_MAX = 20;
export const TAG_MAX = 40;
export const REMINDERS_MAX = 10;

export const Priority = z.enum(['none', 'low', 'medium', 'high']);
export type Priority = z.infer<typeof Priority>;

// Input rules: what a user may send. The stored shapes below stay lenient, so that events
// written before a rule was tightened still load.
export const Title = nonBlankText('title must not be empty').max(TITLE_MAX);
export const Description = SafeText.max(DESCRIPTION_MAX);

export const Tag = nonBlankText('a tag must not be empty')
  .toLowerCase()
  .max(TAG_MAX)
  // Checked after trimming; the edges are allowed so the pattern also holds for what is sent.
  .regex(/^\s*[^\s#,]+\s*$/u, 'a tag has no spaces, commas or #');

/** Tags are normalised to lower case and de-duplicated, keeping first-seen order. */
export const Tags = z
  .array(Tag)
  .max(TAGS_MAX)
  .overwrite((tags) => [...new Set(tags)]);

const StoredTitle = z.string().trim().min(1).max(TITLE_MAX);
const StoredDescription = z.string().max(DESCRIPTION_MAX);
const StoredTags = z.array(z.string().max(TAG_MAX)).max(TAGS_MAX);

// Building an Intl.DateTimeFormat is slow; the set of zones a system sees is small.
const knownZones = new Map<string, boolean>();

function isIanaZone(zone: string): boolean {
  const known = knownZones.get(zone);
  if (known !== undefined) return known;
  let valid = zone.includes('/') || zone === 'UTC';
  if (valid) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
    } catch {
      valid = false;
    }
  }
  if (knownZones.size < 10_000) knownZones.set(zone, valid);
  return valid;
}

// The published list is the canonical zones of this runtime; aliases (US/Eastern…) that
// Intl knows are accepted too, so that a browser naming an older alias is not refused.
const CANONICAL_ZONES = [...new Set(['UTC', ...Intl.supportedValuesOf('timeZone')])].sort();

export const TimeZone = z
  .string()
  .max(64)
  .refine(isIanaZone, 'must be an IANA time zone such as Europe/Paris')
  .meta({ enum: CANONICAL_ZONES });

export { INSTANT_MAX, INSTANT_MIN, INSTANT_RANGE_MESSAGE, isInstantInRange } from './instant-range.ts';

/**
 * An instant with an explicit offset, inside the supported range; stored and returned in
 * UTC. Every instant that enters a command, a query or an event goes through this schema.
 */
export const Instant = z.iso
  .datetime({
    offset: true,
    message: 'must be an ISO 8601 date-time with an offset, e.g. 2026-03-01T09:00:00Z',
  })
  // Checks run on after a failed one, so only a parseable value is normalised.
  .overwrite((s) => {
    const instant = new Date(s);
    return Number.isNaN(instant.getTime()) ? s : instant.toISOString();
  })
  .refine((s) => Number.isNaN(Date.parse(s)) || isInstantInRange(s), { message: INSTANT_RANGE_MESSAGE })
  .meta({
    description: `An ISO 8601 date-time with an offset (e.g. 2026-03-01T09:00:00+01:00), between ${INSTANT_MIN} and ${INSTANT_MAX} in UTC; returned in UTC.`,
  });

export const RecurrenceAnchor = z.enum(['schedule', 'completion']);
export type RecurrenceAnchor = z.infer<typeof RecurrenceAnchor>;

export const Rrule = z
  .string()
  .superRefine((rule, ctx) => {
    const problem = rruleProblem(rule);
    if (problem) ctx.addIssue({ code: 'custom', message: `invalid RRULE: ${problem}` });
  })
  .overwrite(normaliseRrule);

export const Recurrence = z.strictObject({ rrule: Rrule, anchor: RecurrenceAnchor.default('schedule') });
export type Recurrence = z.infer<typeof Recurrence>;

const ReminderId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'a reminder id is 1-40 letters, digits, _ or -');
export const AbsoluteReminderInput = z.strictObject({ id: ReminderId.optional(), at: Instant });
export const RelativeReminderInput = z.strictObject({
  id: ReminderId.optional(),
  minutesBefore: z
    .int()
    .min(0)
    .max(60 * 24 * 365),
});
export const ReminderInput = z.union([AbsoluteReminderInput, RelativeReminderInput]);
export type ReminderInput = z.infer<typeof ReminderInput>;
export const RemindersInput = z.array(ReminderInput).max(REMINDERS_MAX);

/** A reminder as stored in events and read models: it always has an id. */
export const Reminder = z.union([
  z.strictObject({ id: ReminderId, at: Instant }),
  z.strictObject({ id: ReminderId, minutesBefore: z.int().min(0) }),
]);
export type Reminder = z.infer<typeof Reminder>;

export const TaskStatus = z.enum(['open', 'completed']);
export type TaskStatus = z.infer<typeof TaskStatus>;

/** The fields a user edits, as events and read models hold them (reminders with ids). */
export const TaskFieldsSchema = z.strictObject({
  title: StoredTitle,
  description: StoredDescription,
  priority: Priority,
  tags: StoredTags,
  dueAt: Instant.nullable(),
  allDay: z.boolean(),
  timezone: TimeZone,
  recurrence: Recurrence.nullable(),
  reminders: z.array(Reminder),
  /** The list the task is in; null: the Inbox. Events before lists lack it (see upcast.ts). */
  listId: ListId.nullable(),
});
export type TaskFields = z.infer<typeof TaskFieldsSchema>;
