import type { ParseResult } from '@todo/contracts';
import { parse } from '@todo/nl';
import type { Ids } from '@todo/platform';
import type { ChatWriter } from './chat-writer.ts';
import { chooseCandidate } from './choose.ts';
import { compensationFor } from './compensation.ts';
import { filterQuestion } from './filter-list.ts';
import type { ConversationState, PendingChoice, TargetIntent } from './conversation-state.ts';
import { INTENTS, type IntentRow } from './intent-table.ts';
import type { Interpreter } from './interpreter.ts';
import type { ChatReadModel, TaskRow } from './read-model.ts';
import type { Outcome, Turn } from './turn.ts';
import { filterInWords, HELP, NOT_UNDERSTOOD, quote, taskLine } from './words.ts';

const MAX_CHOICES = 5;
const MAX_LISTED = 10;
const EVERYTHING = /^(?:all|everything|every\s+task|all\s+(?:my\s+)?(?:tasks|todos)|all\s+of\s+them)$/i;

export interface DialogueDeps {
  tasks: ChatReadModel;
  writer: ChatWriter;
  interpreter: Interpreter;
  ids: Ids;
}

/**
 * What to do with one message given what the conversation is waiting for: the answer to a
 * pending "which one?", a list question, a write (through the intent table) or "undo".
 */
export class Dialogue {
  private readonly deps: DialogueDeps;
  constructor(deps: DialogueDeps) {
    this.deps = deps;
  }

  async respond(turn: Turn, message: string, state: ConversationState): Promise<Outcome> {
    const kept: ConversationState = state.last ? { last: state.last } : {};
    if (state.pending) {
      const pick = chooseCandidate(
        message,
        state.pending.candidates.map((c) => c.title),
      );
      if (pick === 'cancel') return { reply: 'OK, I left everything as it was.', state: kept };
      if (pick !== null) {
        const chosen = await this.deps.tasks.byId(turn.userId, state.pending.candidates[pick]!.id);
        if (!chosen) return { reply: 'That task is gone now, so I left everything as it was.', state: kept };
        return this.act(turn, state.pending, chosen, kept);
      }
    }
    const context = { now: turn.now, timezone: turn.timezone, lists: turn.lists ?? [] };
    if (state.pending) {
      // Neither an answer nor a request with a verb ("the one due friday"): ask again
      // rather than add it as a stray task.
      const plain = parse(message, context);
      if (plain.intent === 'create_task' && !plain.spans.some((s) => s.field === 'intent')) {
        const n = state.pending.candidates.length;
        return {
          reply: `Please answer with a number from 1 to ${n} or the task’s title, or say “cancel”.`,
          state,
        };
      }
    }
    const asked = filterQuestion(message, turn.now, turn.timezone, turn.lists ?? []);
    if (asked && !asked.ok) return { reply: asked.reply, state: kept };
    if (asked) {
      const rows = await this.listed(turn, () =>
        this.deps.tasks.listFiltered(turn.userId, asked.filter, asked.status, MAX_LISTED + 1),
      );
      return this.listReply(turn, rows, `tasks matching “${asked.text}”`, kept);
    }
    const parsed = await this.deps.interpreter.interpret(message, context);
    switch (parsed.intent) {
      case 'unknown':
        return { reply: NOT_UNDERSTOOD, state: kept };
      case 'help':
        return { reply: HELP, state: kept };
      case 'undo':
        return this.undo(turn, kept);
      case 'create_task':
        return this.write(
          turn,
          INTENTS.create_task,
          { ...this.context(turn), task: parsed.task ?? {} },
          kept,
        );
      case 'list_tasks':
        return this.list(turn, parsed, kept);
      case 'update_task':
      case 'complete_task':
      case 'reopen_task':
      case 'delete_task':
      case 'snooze_reminder':
        return this.onTarget(turn, parsed.intent, parsed, kept);
      default: {
        const _exhaustive: never = parsed.intent;
        return { reply: NOT_UNDERSTOOD, state: kept };
      }
    }
  }

  private context(turn: Turn) {
    return { now: turn.now, timezone: turn.timezone, ids: this.deps.ids };
  }

  private async list(turn: Turn, parsed: ParseResult, state: ConversationState): Promise<Outcome> {
    const filter = parsed.filter ?? { status: 'open' as const };
    const rows = await this.listed(turn, () => this.deps.tasks.list(turn.userId, filter, MAX_LISTED + 1));
    return this.listReply(turn, rows, filterInWords(filter), state);
  }

  private async listed(turn: Turn, read: () => Promise<TaskRow[]>): Promise<TaskRow[]> {
    await this.deps.tasks.caughtUp(turn.userId);
    return read();
  }

  private listReply(turn: Turn, rows: TaskRow[], what: string, state: ConversationState): Outcome {
    if (rows.length === 0) return { reply: `You have no ${what}.`, tasks: [], state };
    const shown = rows.slice(0, MAX_LISTED);
    const lines = shown.map((t, i) => `${i + 1}. ${taskLine(t, turn.timezone)}`);
    const more = rows.length > MAX_LISTED ? '\n…and more: the task list shows them all.' : '';
    return { reply: `Your ${what}:\n${lines.join('\n')}${more}`, tasks: shown, state };
  }

  /** Finds the one task the words name, or asks which one was meant. */
  private async onTarget(
    turn: Turn,
    intent: TargetIntent,
    parsed: ParseResult,
    state: ConversationState,
  ): Promise<Outcome> {
    const { tasks } = this.deps;
    const row = INTENTS[intent];
    const pending: PendingChoice = {
      intent,
      target: parsed.target ?? '',
      candidates: [],
      ...(parsed.task ? { changes: parsed.task } : {}),
      ...(parsed.snooze ? { snoozeUntil: parsed.snooze.until } : {}),
    };
    if (!parsed.target) {
      if (intent === 'snooze_reminder') {
        const last = await tasks.lastReminded(turn.userId);
        const task = last ? await tasks.byId(turn.userId, last.taskId) : null;
        if (task && task.status === 'open') return this.act(turn, pending, task, state, last!.reminderId);
        return {
          reply: 'Which task’s reminder should I snooze? For example: “snooze dentist for 15 minutes”.',
          state,
        };
      }
      return { reply: 'Which task do you mean? Name it, for example: “done buy milk”.', state };
    }
    if (EVERYTHING.test(parsed.target)) {
      return { reply: 'I change one task at a time. Which task do you mean?', state };
    }
    await tasks.caughtUp(turn.userId);
    const found = await tasks.matching(turn.userId, parsed.target, row.statuses);
    const exact = found.filter((t) => t.title.toLowerCase() === parsed.target!.toLowerCase());
    const candidates = exact.length > 0 ? exact : found;
    if (candidates.length === 0) {
      // "Finish the slides" may have been meant as a new task: say how to add it.
      const asNew =
        row.mayBeNewTask && parsed.text.length <= 200
          ? ` To add it as a new task, say “add ${parsed.text}”.`
          : '';
      return { reply: `I could not find ${row.which} task matching ${quote(parsed.target)}.${asNew}`, state };
    }
    if (candidates.length === 1) return this.act(turn, pending, candidates[0]!, state);
    const shown = candidates.slice(0, MAX_CHOICES);
    const lines = shown.map((t, i) => `${i + 1}. ${taskLine(t, turn.timezone)}`);
    const intro =
      candidates.length > MAX_CHOICES
        ? `${candidates.length} tasks match ${quote(parsed.target)}; here are the ${MAX_CHOICES} most recent. Which one do you mean?`
        : `${candidates.length} tasks match ${quote(parsed.target)}. Which one do you mean?`;
    return {
      reply: `${intro}\n${lines.join('\n')}\nAnswer with a number or the title, or say “cancel”.`,
      choices: shown,
      state: {
        ...state,
        pending: { ...pending, candidates: shown.map((t) => ({ id: t.id, title: t.title })) },
      },
    };
  }

  private act(
    turn: Turn,
    pending: PendingChoice,
    task: TaskRow,
    state: ConversationState,
    reminderId?: string,
  ): Promise<Outcome> {
    const request = { ...this.context(turn), task, pending, ...(reminderId ? { reminderId } : {}) };
    return this.write(turn, INTENTS[pending.intent], request, state);
  }

  /** Plans the write from the table, sends it, and says what happened. */
  private async write<R>(
    turn: Turn,
    row: IntentRow<R>,
    request: R,
    state: ConversationState,
  ): Promise<Outcome> {
    const plan = row.plan(request);
    if (!('command' in plan)) return { reply: plan.reply, state };
    const result = await this.deps.writer.attempt(turn, plan.command);
    if (typeof result === 'string') return { reply: row.refused(request, result), state };
    if (result.eventIds.length === 0 && plan.unchanged) return { reply: plan.unchanged, state };
    return {
      reply: plan.reply,
      actions: result.eventIds.length ? [{ ...plan.action, version: result.version }] : [],
      state: { last: plan.undo(result.eventIds[0]!) },
    };
  }

  private async undo(turn: Turn, state: ConversationState): Promise<Outcome> {
    const compensation = compensationFor(state.last, {
      now: turn.now,
      timezone: turn.timezone,
      newTaskId: () => this.deps.ids.next(),
    });
    if (!('command' in compensation)) return { reply: compensation.reply, state: {} };
    const result = await this.deps.writer.attempt(turn, compensation.command, compensation.causationId);
    if (typeof result === 'string') return { reply: `I could not undo that: ${result}.`, state: {} };
    return {
      reply: compensation.reply,
      actions: [{ ...compensation.action, version: result.version, undoes: true }],
      state: {},
    };
  }
}
