import { NL_TEXT_MAX, type NlTask, type ParseResult } from '@todo/contracts';
import { readFilter } from './filter.ts';
import { readBarePriority } from './priority.ts';
import { readIntent, type IntentMatch } from './intent.ts';
import { reference, type Reference } from './local-time.ts';
import { consume, leftover, scan, type Scanner } from './scanner.ts';
import { readSnooze } from './snooze.ts';
import { cleanTarget } from './target.ts';
import { readReminderChange, readTaskFields } from './task-fields.ts';
import { cleanTitle } from './title.ts';
import type { NlListRef } from './lists.ts';

export interface ParseOptions {
  now: Date;
  /** IANA zone of the user: "tomorrow 5pm" is 5pm there, whatever the server's zone. */
  timezone: string;
  /** The user's lists, so that `#Name` files the task there (see lists.ts). */
  lists?: readonly NlListRef[];
}

function target(s: Scanner, range: [number, number]): string {
  consume(s, 'target', range[0], range[1]);
  return cleanTarget(s.text.slice(range[0], range[1]));
}

function createTask(
  s: Scanner,
  ref: Reference,
  m: IntentMatch & { from: number; to: number },
  lists: readonly NlListRef[] = [],
): NlTask {
  const [from, to] = m.body ?? [m.from, m.to];
  const fields = readTaskFields(s, ref, from, to, { remindAtDue: m.remindAtDue ?? false, lists });
  return { title: cleanTitle(leftover(s, from, to)), ...fields };
}

/**
 * The deterministic engine: one line of text → what it asks for, the task fields it
 * names, and where in the text each came from. Pure: `now` and the zone are passed in.
 */
export function parse(input: string, options: ParseOptions): ParseResult {
  const text = input.length > NL_TEXT_MAX ? input.slice(0, NL_TEXT_MAX) : input;
  const ref = reference(options.now, options.timezone);
  const s = scan(text);
  const result: ParseResult = {
    text,
    intent: 'unknown',
    spans: s.spans,
    now: ref.now.toISO({ suppressMilliseconds: true })!,
    timezone: options.timezone,
  };
  if (!/[\p{L}\p{N}]/u.test(text)) return result;
  const m = readIntent(s.work);
  for (const [a, b] of m.verbs) consume(s, 'intent', a, b);
  result.intent = m.intent;
  switch (m.intent) {
    case 'create_task':
      result.task = createTask(s, ref, m, options.lists);
      break;
    case 'complete_task':
    case 'reopen_task':
    case 'delete_task':
      // "finish essay in 2 weeks", "trash out every monday": a date means a new task.
      if (namesFields(text, ref, m.target!)) return parseAsCreate(text, ref, options);
      result.target = target(s, m.target!);
      break;
    case 'list_tasks':
      result.filter = readFilter(s, ref, m.from, options.lists);
      if (result.filter.due === 'overdue') result.filter.status = 'open';
      break;
    case 'snooze_reminder': {
      const [from, to] = m.body ?? [m.to, m.to];
      result.snooze = { until: readSnooze(s, ref, from, to) };
      const rest = cleanTarget(cleanTitle(leftover(s, from, to)));
      if (rest) {
        const start = text.toLowerCase().indexOf(rest.toLowerCase(), from);
        if (start >= 0) consume(s, 'target', start, start + rest.length);
        result.target = rest;
      }
      break;
    }
    case 'update_task': {
      if (m.reminderOnly) {
        const [from, to] = m.body!;
        const reminders = readReminderChange(s, ref, from, to);
        if (reminders.length === 0) {
          result.intent = 'create_task';
          result.task = createTask(s, ref, { ...m, intent: 'create_task', remindAtDue: true }, options.lists);
          break;
        }
        const rest = cleanTarget(cleanTitle(leftover(s, from, to)));
        const start = rest ? text.toLowerCase().indexOf(rest.toLowerCase(), from) : -1;
        if (start >= 0) consume(s, 'target', start, start + rest.length);
        result.target = rest;
        result.task = { reminders };
        break;
      }
      // "push gym back to saturday": "back" belongs to the verb, not the task's name.
      const back = /\s+back$/.exec(s.work.slice(m.target![0], m.target![1]));
      if (back) m.target = [m.target![0], m.target![0] + back.index];
      const goal = target(s, m.target!);
      if (m.newTitle) {
        const quoted = text
          .slice(m.newTitle[0], m.newTitle[1])
          .trim()
          .replace(/^["'“‘]+|["'”’]+$/g, '');
        result.task = { title: cleanTitle(quoted) };
      } else {
        const [from, to] = m.body!;
        const priority = m.priorityOnly ? readBarePriority(s, from, to) : null;
        const fields = priority
          ? { priority }
          : readTaskFields(s, ref, from, to, { lists: options.lists ?? [] });
        if (m.needsFields && Object.keys(fields).length === 0) return parseAsCreate(text, ref, options);
        result.task = fields;
      }
      result.target = goal;
      break;
    }
    default:
      break;
  }
  result.spans.sort((a, b) => a.start - b.start);
  return result;
}

function namesFields(text: string, ref: Reference, [from, to]: [number, number]): boolean {
  const trial = scan(text);
  readTaskFields(trial, ref, from, to);
  // A schedule word left in place ("quarterly report") is part of the name, not a field.
  const understood = trial.spans.filter((s) => trial.work.slice(s.start, s.end).trim() === '');
  return understood.some((s) => s.field === 'dueAt' || s.field === 'recurrence' || s.field === 'priority');
}

/** "Move couch to garage" named no date or priority: it was a task, not an edit. */
function parseAsCreate(text: string, ref: Reference, options: ParseOptions): ParseResult {
  return readAsCreate(text.length > NL_TEXT_MAX ? text.slice(0, NL_TEXT_MAX) : text, ref, options);
}

/** The text as a new task, whatever verb it starts with (the caller already knows the intent). */
export function parseTaskText(text: string, options: ParseOptions): ParseResult {
  return parseAsCreate(text, reference(options.now, options.timezone), options);
}

/** The text as a list question, whatever words it starts with. */
export function parseListText(text: string, options: ParseOptions): ParseResult {
  const ref = reference(options.now, options.timezone);
  const s = scan(text.slice(0, NL_TEXT_MAX));
  const filter = readFilter(s, ref, 0, options.lists);
  if (filter.due === 'overdue') filter.status = 'open';
  return {
    text: s.text,
    intent: 'list_tasks',
    filter,
    spans: s.spans,
    now: ref.now.toISO({ suppressMilliseconds: true })!,
    timezone: options.timezone,
  };
}

/** When "for 10 minutes", "until 5pm" or "tomorrow" ends a snooze (10 minutes when it says nothing). */
export function snoozeUntilText(text: string, options: ParseOptions): string {
  const ref = reference(options.now, options.timezone);
  const s = scan(text.slice(0, NL_TEXT_MAX));
  return readSnooze(s, ref, 0, s.text.length);
}

function readAsCreate(text: string, ref: Reference, options: ParseOptions): ParseResult {
  const s = scan(text);
  const task = createTask(
    s,
    ref,
    { intent: 'create_task', verbs: [], from: 0, to: text.length },
    options.lists,
  );
  s.spans.sort((a, b) => a.start - b.start);
  return {
    text,
    intent: 'create_task',
    task,
    spans: s.spans,
    now: ref.now.toISO({ suppressMilliseconds: true })!,
    timezone: options.timezone,
  };
}
