import {
  TASK_COMPLETED,
  TASK_CREATED,
  TASK_DELETED,
  TASK_OCCURRENCE_SKIPPED,
  TASK_REMINDER_EMAILED,
  TASK_REMINDER_FIRED,
  TASK_REMINDER_SNOOZED,
  TASK_REOPENED,
  TASK_UPDATED,
  toTaskEvent,
  type AnyEnvelope,
  type Reminder,
} from '@todo/contracts';

export interface PendingReminder {
  reminderId: string;
  /** The instant it must go off (UTC ISO). */
  fireAt: string;
}

export interface ReminderPlan {
  /** What must be scheduled now, one entry per reminder at most. */
  pending: PendingReminder[];
  /** Every reminder id the task ever had: anything not pending is cancelled. */
  known: string[];
}

interface ReminderState {
  /** The instant the reminder stands for (from `at` or the due time), or null without a due time. */
  base: string | null;
  /** The base instant is done with: fired, or already past when it was set. */
  baseDone: boolean;
  snoozedUntil: string | null;
}

function instantOf(reminder: Reminder, dueAt: string | null): string | null {
  if ('at' in reminder) return reminder.at;
  if (dueAt === null) return null;
  return new Date(new Date(dueAt).getTime() - reminder.minutesBefore * 60_000).toISOString();
}

const notAfter = (a: string, b: string) => new Date(a).getTime() <= new Date(b).getTime();

/**
 * Which reminders of a task must go off, and when, from the task's whole history: the pure
 * core of the reminder saga. Rules:
 * - only an open task has pending reminders (completion, skip and deletion cancel them);
 * - a reminder set (or moved) to an instant already past when it was set does not fire;
 *   one that fell due later, while nothing was running, still fires (late);
 * - a firing is recorded per instant, so the same instant never fires twice;
 * - a snooze makes the reminder go off again at `snoozedUntil`, replacing what was pending;
 * - on reopening, instants that passed while the task was closed are not fired.
 */
export function planReminders(history: readonly AnyEnvelope[]): ReminderPlan {
  let open = false;
  let dueAt: string | null = null;
  const reminders = new Map<string, ReminderState>();
  const known = new Set<string>();

  const setReminders = (list: Reminder[], at: string) => {
    const next = new Map<string, ReminderState>();
    for (const r of list) {
      known.add(r.id);
      const base = instantOf(r, dueAt);
      const before = reminders.get(r.id);
      if (before && before.base === base) next.set(r.id, before);
      else next.set(r.id, { base, baseDone: base === null || notAfter(base, at), snoozedUntil: null });
    }
    reminders.clear();
    next.forEach((v, k) => reminders.set(k, v));
  };
  let current: Reminder[] = [];

  for (const envelope of history) {
    const event = toTaskEvent(envelope);
    if (!event) continue;
    const at = envelope.time;
    switch (event.type) {
      case TASK_CREATED:
        open = true;
        dueAt = event.data.dueAt;
        current = event.data.reminders;
        setReminders(current, at);
        break;
      case TASK_UPDATED: {
        const { changes } = event.data;
        if (changes.dueAt !== undefined) dueAt = changes.dueAt;
        if (changes.reminders !== undefined) current = changes.reminders;
        if (changes.dueAt !== undefined || changes.reminders !== undefined) setReminders(current, at);
        break;
      }
      case TASK_COMPLETED:
      case TASK_OCCURRENCE_SKIPPED:
      case TASK_DELETED:
        open = false;
        break;
      case TASK_REOPENED:
        open = true;
        for (const r of reminders.values()) {
          if (r.base !== null && notAfter(r.base, at)) r.baseDone = true;
          if (r.snoozedUntil !== null && notAfter(r.snoozedUntil, at)) r.snoozedUntil = null;
        }
        break;
      case TASK_REMINDER_FIRED: {
        const r = reminders.get(event.data.reminderId);
        if (!r) break;
        if (r.snoozedUntil === event.data.scheduledFor) {
          r.snoozedUntil = null;
          r.baseDone = true;
        } else if (r.base === event.data.scheduledFor) r.baseDone = true;
        break;
      }
      case TASK_REMINDER_SNOOZED: {
        const r = reminders.get(event.data.reminderId);
        if (r) r.snoozedUntil = event.data.snoozedUntil;
        break;
      }
      case TASK_REMINDER_EMAILED:
        // What became of a firing's email: the plan is the same.
        break;
      default: {
        const _exhaustive: never = event;
        void _exhaustive;
      }
    }
  }

  const pending: PendingReminder[] = [];
  if (open) {
    for (const [reminderId, r] of reminders) {
      const fireAt = r.snoozedUntil ?? (r.baseDone ? null : r.base);
      if (fireAt !== null) pending.push({ reminderId, fireAt });
    }
  }
  return { pending, known: [...known] };
}
