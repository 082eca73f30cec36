import {
  CreateTaskBody,
  INSTANT_RANGE_MESSAGE,
  isInstantInRange,
  TaskChanges,
  type ChatAction,
  type ChatBody,
  type ChatResponse,
  type NlTask,
  type ParseResult,
  type TaskCommand,
} from '@todo/contracts';
import { notFound, type Clock, type EventStore, type Ids, type Knex } from '@todo/platform';
import { parse, usableZone } from '@todo/nl';
import { TaskRuleViolation, handleTaskCommand, type CommandResult, withReminderIds } from '@todo/domain';
import { UserRepository } from '../users/user-repository.ts';
import { chooseCandidate } from './choose.ts';
import type { ConversationState, PendingChoice, TaskSnapshot, UndoRecord } from './conversation-state.ts';
import { ConversationStore } from './conversation-store.ts';
import { ChatReadModel, type TaskRow } from './read-model.ts';
import { detailsInWords, filterInWords, HELP, NOT_UNDERSTOOD, quote, taskLine } from './words.ts';

export interface ChatDeps {
  knex: Knex;
  store: EventStore;
  ids: Ids;
  clock: Clock;
  /** Reads a message into a ParseResult; the deterministic engine unless a model is configured. */
  interpreter?: Interpreter;
}

/** Turns a message into what it asks for. The model-backed one still resolves dates with the engine. */
export interface Interpreter {
  interpret(message: string, context: { now: Date; timezone: string }): Promise<ParseResult>;
}

export const engineInterpreter: Interpreter = {
  interpret: async (message, context) => parse(message, context),
};

interface Turn {
  userId: string;
  timezone: string;
  now: Date;
  correlationId: string;
}

interface Outcome {
  reply: string;
  actions?: ChatAction[];
  tasks?: TaskRow[];
  choices?: TaskRow[];
  state: ConversationState;
}

const MAX_CHOICES = 5;
const MAX_LISTED = 10;
const EVERYTHING = /^(?:all|everything|every\s+task|all\s+(?:my\s+)?(?:tasks|todos)|all\s+of\s+them)$/i;

const ref = (t: TaskRow) => ({
  id: t.id,
  title: t.title,
  dueAt: t.dueAt,
  allDay: t.allDay,
  priority: t.priority,
  status: t.status,
});

function snapshot(t: TaskRow): TaskSnapshot {
  return {
    title: t.title,
    description: t.description,
    priority: t.priority,
    tags: t.tags,
    dueAt: t.dueAt,
    allDay: t.allDay,
    timezone: t.timezone,
    recurrence: t.recurrence,
    reminders: t.reminders,
  };
}

/**
 * The chatbot: reads a message, acts through the same command handler as the REST API
 * (as the authenticated user, on that user's tasks only), and answers in plain words.
 */
export class ChatService {
  private readonly deps: ChatDeps;
  private readonly conversations: ConversationStore;
  private readonly tasks: ChatReadModel;
  private readonly users: UserRepository;
  private readonly interpreter: Interpreter;

  constructor(deps: ChatDeps) {
    this.deps = deps;
    this.conversations = new ConversationStore(deps.knex);
    this.tasks = new ChatReadModel(deps.knex);
    this.users = new UserRepository(deps.knex, deps.clock);
    this.interpreter = deps.interpreter ?? engineInterpreter;
  }

  async handle(userId: string, body: ChatBody): Promise<ChatResponse> {
    const { ids } = this.deps;
    let conversationId = body.conversationId;
    let state: ConversationState | null;
    if (conversationId) {
      state = await this.conversations.state(conversationId, userId);
      if (!state) throw notFound('no such conversation');
    } else {
      conversationId = ids.next();
      await this.conversations.create(conversationId, userId, body.message);
      state = {};
    }
    const messageId = ids.next();
    await this.conversations.addMessage({
      id: messageId,
      conversationId,
      userId,
      role: 'user',
      text: body.message,
    });
    const turn: Turn = {
      userId,
      timezone: usableZone(await this.users.timezoneOf(userId)),
      now: this.deps.clock.now(),
      correlationId: messageId,
    };
    const outcome = await this.respond(turn, body.message, state);
    const actions = outcome.actions ?? [];
    await this.conversations.addMessage(
      { id: ids.next(), conversationId, userId, role: 'assistant', text: outcome.reply },
      actions,
    );
    await this.conversations.saveState(conversationId, userId, outcome.state);
    return {
      conversationId,
      reply: outcome.reply,
      actions,
      ...(outcome.tasks ? { tasks: outcome.tasks.map(ref) } : {}),
      ...(outcome.choices ? { choices: outcome.choices.map(ref) } : {}),
    };
  }

  private async respond(turn: Turn, message: string, state: ConversationState): Promise<Outcome> {
    const kept: ConversationState = state.last ? { last: state.last } : {};
    if (state.pending) {
      const pick = chooseCandidate(
        message,
        state.pending.candidates.map((c) => c.title),
      );
      if (pick === 'cancel') return { reply: 'OK, I left everything as it was.', state: kept };
      if (pick !== null) {
        const chosen = await this.tasks.byId(turn.userId, state.pending.candidates[pick]!.id);
        if (!chosen) return { reply: 'That task is gone now, so I left everything as it was.', state: kept };
        return this.act(turn, state.pending, chosen, kept);
      }
    }
    const context = { now: turn.now, timezone: turn.timezone };
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
    const parsed = await this.interpreter.interpret(message, context);
    switch (parsed.intent) {
      case 'unknown':
        return { reply: NOT_UNDERSTOOD, state: kept };
      case 'help':
        return { reply: HELP, state: kept };
      case 'undo':
        return this.undo(turn, kept);
      case 'create_task':
        return this.create(turn, parsed.task ?? {}, kept);
      case 'list_tasks':
        return this.list(turn, parsed, kept);
      case 'update_task':
      case 'complete_task':
      case 'reopen_task':
      case 'delete_task':
      case 'snooze_reminder':
        return this.onTarget(turn, parsed, kept);
      default: {
        const _exhaustive: never = parsed.intent;
        return { reply: NOT_UNDERSTOOD, state: kept };
      }
    }
  }

  private command(turn: Turn, command: TaskCommand, causationId?: string): Promise<CommandResult> {
    return handleTaskCommand(this.deps.store, command, {
      userId: turn.userId,
      correlationId: turn.correlationId,
      causationId: causationId ?? null,
      source: '/todo/command-api/chat',
    });
  }

  private async create(turn: Turn, task: NlTask, state: ConversationState): Promise<Outcome> {
    if (!task.title) {
      return { reply: 'What should the task be called? For example: “add buy milk tomorrow at 5pm”.', state };
    }
    const body = CreateTaskBody.safeParse({
      title: task.title,
      priority: task.priority,
      tags: task.tags,
      dueAt: task.dueAt,
      allDay: task.allDay,
      recurrence: task.recurrence,
      reminders: task.reminders,
    });
    if (!body.success) {
      const issue = body.error.issues[0]!;
      return { reply: `I could not add that: ${issue.path.join('.')} ${issue.message}.`, state };
    }
    const taskId = this.deps.ids.next();
    const b = body.data;
    const fields = {
      title: b.title,
      description: '',
      priority: b.priority ?? 'none',
      tags: b.tags ?? [],
      dueAt: b.dueAt ?? null,
      allDay: b.allDay ?? false,
      timezone: turn.timezone,
      recurrence: b.recurrence ?? null,
      reminders: withReminderIds(b.reminders ?? [], this.deps.ids),
    };
    const result = await this.attempt(() =>
      this.command(turn, {
        type: 'CreateTask',
        taskId,
        ...fields,
        seriesId: fields.recurrence ? taskId : null,
        spawnedFrom: null,
      }),
    );
    if (typeof result === 'string') return { reply: `I could not add that: ${result}.`, state };
    // Say what was understood; defaults (no date, no priority) go unsaid.
    const details = detailsInWords(
      {
        ...(fields.dueAt ? { dueAt: fields.dueAt, allDay: fields.allDay } : {}),
        ...(fields.priority !== 'none' ? { priority: fields.priority } : {}),
        tags: fields.tags,
        recurrence: fields.recurrence,
        reminders: fields.reminders,
      },
      turn.timezone,
    );
    return {
      reply: `Added ${quote(fields.title)}${details ? ` — ${details}` : ''}.`,
      actions: [{ kind: 'created', taskId, title: fields.title, version: result.version }],
      state: { last: { kind: 'created', taskId, title: fields.title, eventId: result.eventIds[0]! } },
    };
  }

  private async list(turn: Turn, parsed: ParseResult, state: ConversationState): Promise<Outcome> {
    const filter = parsed.filter ?? { status: 'open' as const };
    await this.tasks.caughtUp(turn.userId);
    const rows = await this.tasks.list(turn.userId, filter, MAX_LISTED + 1);
    const what = filterInWords(filter);
    if (rows.length === 0) return { reply: `You have no ${what}.`, tasks: [], state };
    const shown = rows.slice(0, MAX_LISTED);
    const lines = shown.map((t, i) => `${i + 1}. ${taskLine(t, turn.timezone)}`);
    const more = rows.length > MAX_LISTED ? '\n…and more: the task list shows them all.' : '';
    return { reply: `Your ${what}:\n${lines.join('\n')}${more}`, tasks: shown, state };
  }

  private async onTarget(turn: Turn, parsed: ParseResult, state: ConversationState): Promise<Outcome> {
    const pending: PendingChoice = {
      intent: parsed.intent,
      target: parsed.target ?? '',
      candidates: [],
      ...(parsed.task ? { changes: parsed.task } : {}),
      ...(parsed.snooze ? { snoozeUntil: parsed.snooze.until } : {}),
    };
    if (!parsed.target) {
      if (parsed.intent === 'snooze_reminder') {
        const last = await this.tasks.lastReminded(turn.userId);
        const task = last ? await this.tasks.byId(turn.userId, last.taskId) : null;
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
    const statuses: ('open' | 'completed')[] =
      parsed.intent === 'reopen_task'
        ? ['completed']
        : parsed.intent === 'delete_task'
          ? ['open', 'completed']
          : ['open'];
    await this.tasks.caughtUp(turn.userId);
    const found = await this.tasks.matching(turn.userId, parsed.target, statuses);
    const exact = found.filter((t) => t.title.toLowerCase() === parsed.target!.toLowerCase());
    const candidates = exact.length > 0 ? exact : found;
    if (candidates.length === 0) {
      const which =
        parsed.intent === 'reopen_task' ? 'a completed' : parsed.intent === 'delete_task' ? 'a' : 'an open';
      // "Finish the slides" may have been meant as a new task: say how to add it.
      const asNew =
        parsed.intent === 'complete_task' && parsed.text.length <= 200
          ? ` To add it as a new task, say “add ${parsed.text}”.`
          : '';
      return { reply: `I could not find ${which} task matching ${quote(parsed.target)}.${asNew}`, state };
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

  /** Runs a write and turns the decider's refusals into words; other errors propagate. */
  private async attempt(write: () => Promise<CommandResult>): Promise<CommandResult | string> {
    try {
      return await write();
    } catch (error) {
      if (error instanceof TaskRuleViolation) return error.message;
      throw error;
    }
  }

  private async act(
    turn: Turn,
    pending: PendingChoice,
    task: TaskRow,
    state: ConversationState,
    reminderId?: string,
  ): Promise<Outcome> {
    const t = quote(task.title);
    const done = (
      kind: ChatAction['kind'],
      result: CommandResult,
      reply: string,
      last: UndoRecord | undefined,
    ): Outcome => ({
      reply,
      actions: result.eventIds.length
        ? [{ kind, taskId: task.id, title: task.title, version: result.version }]
        : [],
      state: last ? { last } : state,
    });
    const base = { taskId: task.id, title: task.title };
    switch (pending.intent) {
      case 'complete_task': {
        const r = await this.attempt(() =>
          this.command(turn, { type: 'CompleteTask', taskId: task.id, completedAt: turn.now.toISOString() }),
        );
        if (typeof r === 'string') return { reply: `I could not complete ${t}: ${r}.`, state };
        const next = task.recurrence ? ' It repeats, so the next one is on its way.' : '';
        return done('completed', r, `Done: ${t}.${next}`, {
          kind: 'completed',
          ...base,
          eventId: r.eventIds[0]!,
        });
      }
      case 'reopen_task': {
        const r = await this.attempt(() => this.command(turn, { type: 'ReopenTask', taskId: task.id }));
        if (typeof r === 'string') return { reply: `I could not reopen ${t}: ${r}.`, state };
        return done('reopened', r, `Reopened ${t}.`, { kind: 'reopened', ...base, eventId: r.eventIds[0]! });
      }
      case 'delete_task': {
        const r = await this.attempt(() => this.command(turn, { type: 'DeleteTask', taskId: task.id }));
        if (typeof r === 'string') return { reply: `I could not delete ${t}: ${r}.`, state };
        return done('deleted', r, `Deleted ${t}. Say “undo” to bring it back.`, {
          kind: 'deleted',
          ...base,
          eventId: r.eventIds[0]!,
          before: snapshot(task),
        });
      }
      case 'update_task': {
        const { changes, before } = this.changesFor(task, pending.changes ?? {});
        if (Object.keys(changes).length === 0)
          return { reply: `I did not see what to change on ${t}.`, state };
        // The same field rules as PATCH /api/tasks/:id (an instant out of range, say).
        const checked = TaskChanges.safeParse(changes);
        if (!checked.success) {
          const issue = checked.error.issues[0]!;
          return { reply: `I could not change ${t}: ${issue.path.join('.')} ${issue.message}.`, state };
        }
        const r = await this.attempt(() =>
          this.command(turn, { type: 'UpdateTask', taskId: task.id, changes }),
        );
        if (typeof r === 'string') return { reply: `I could not change ${t}: ${r}.`, state };
        if (r.eventIds.length === 0)
          return { reply: `${t} already looks like that; nothing changed.`, state };
        const renamed = changes.title ? `Renamed ${t} to ${quote(changes.title)}` : `Updated ${t}`;
        const { title: _title, ...rest } = changes;
        const details = detailsInWords(rest, turn.timezone);
        return done('updated', r, `${renamed}${details ? `: ${details}` : ''}.`, {
          kind: 'updated',
          ...base,
          title: changes.title ?? task.title,
          eventId: r.eventIds[0]!,
          before,
        });
      }
      case 'snooze_reminder': {
        const id = reminderId ?? task.reminders[0]?.id;
        if (!id) return { reply: `${t} has no reminder to snooze. Add one with “remind me …”.`, state };
        const until = new Date(pending.snoozeUntil ?? turn.now.getTime() + 10 * 60_000).toISOString();
        if (!isInstantInRange(until))
          return { reply: `I could not snooze ${t}: the time ${INSTANT_RANGE_MESSAGE}.`, state };
        const r = await this.attempt(() =>
          this.command(turn, {
            type: 'SnoozeReminder',
            taskId: task.id,
            reminderId: id,
            snoozedUntil: until,
          }),
        );
        if (typeof r === 'string') return { reply: `I could not snooze ${t}: ${r}.`, state };
        const when = detailsInWords({ dueAt: until, allDay: false }, turn.timezone).replace(/^due /, '');
        return done('snoozed', r, `Snoozed the reminder for ${t} until ${when}.`, {
          kind: 'snoozed',
          ...base,
          eventId: r.eventIds[0]!,
        });
      }
      default:
        return { reply: NOT_UNDERSTOOD, state };
    }
  }

  /** The parsed fields as TaskChanges (tags and reminders are added), and the old values. */
  private changesFor(task: TaskRow, wanted: NlTask): { changes: TaskChanges; before: TaskChanges } {
    const changes: TaskChanges = {};
    const before: TaskChanges = {};
    if (wanted.title) {
      changes.title = wanted.title;
      before.title = task.title;
    }
    if (wanted.dueAt) {
      changes.dueAt = new Date(wanted.dueAt).toISOString();
      changes.allDay = wanted.allDay ?? false;
      before.dueAt = task.dueAt;
      before.allDay = task.allDay;
    }
    if (wanted.priority) {
      changes.priority = wanted.priority;
      before.priority = task.priority;
    }
    if (wanted.tags?.length) {
      changes.tags = [...new Set([...task.tags, ...wanted.tags])].slice(0, 20);
      before.tags = task.tags;
    }
    if (wanted.recurrence) {
      changes.recurrence = wanted.recurrence;
      before.recurrence = task.recurrence;
    }
    if (wanted.reminders?.length) {
      const added = withReminderIds(
        wanted.reminders.map((r) => ('at' in r ? { at: new Date(r.at).toISOString() } : r)),
        this.deps.ids,
      );
      changes.reminders = [...task.reminders, ...added].slice(0, 10);
      before.reminders = task.reminders;
    }
    return { changes, before };
  }

  private async undo(turn: Turn, state: ConversationState): Promise<Outcome> {
    const last = state.last;
    if (!last) return { reply: 'There is nothing for me to undo in this conversation.', state: {} };
    const t = quote(last.title);
    const undone = (
      kind: ChatAction['kind'],
      taskId: string,
      result: CommandResult,
      reply: string,
    ): Outcome => ({
      reply,
      actions: [{ kind, taskId, title: last.title, version: result.version, undoes: true }],
      state: {},
    });
    const fail = (r: string): Outcome => ({ reply: `I could not undo that: ${r}.`, state: {} });
    switch (last.kind) {
      case 'created': {
        const r = await this.attempt(() =>
          this.command(turn, { type: 'DeleteTask', taskId: last.taskId }, last.eventId),
        );
        return typeof r === 'string'
          ? fail(r)
          : undone('deleted', last.taskId, r, `Undone: I removed ${t} again.`);
      }
      case 'completed': {
        const r = await this.attempt(() =>
          this.command(turn, { type: 'ReopenTask', taskId: last.taskId }, last.eventId),
        );
        return typeof r === 'string'
          ? fail(r)
          : undone('reopened', last.taskId, r, `Undone: ${t} is open again.`);
      }
      case 'reopened': {
        const r = await this.attempt(() =>
          this.command(
            turn,
            { type: 'CompleteTask', taskId: last.taskId, completedAt: turn.now.toISOString() },
            last.eventId,
          ),
        );
        return typeof r === 'string'
          ? fail(r)
          : undone('completed', last.taskId, r, `Undone: ${t} is completed again.`);
      }
      case 'updated': {
        const r = await this.attempt(() =>
          this.command(turn, { type: 'UpdateTask', taskId: last.taskId, changes: last.before }, last.eventId),
        );
        if (typeof r === 'string') return fail(r);
        const { title: _title, ...rest } = last.before;
        const details = detailsInWords(rest, turn.timezone);
        const name = last.before.title ? quote(last.before.title) : t;
        return undone(
          'updated',
          last.taskId,
          r,
          `Undone: ${name} is back as it was${details ? ` (${details})` : ''}.`,
        );
      }
      case 'deleted': {
        // A deleted task stays deleted in its history; undo brings it back as a new task.
        const taskId = this.deps.ids.next();
        const b = last.before;
        const r = await this.attempt(() =>
          this.command(
            turn,
            { type: 'CreateTask', taskId, ...b, seriesId: b.recurrence ? taskId : null, spawnedFrom: null },
            last.eventId,
          ),
        );
        return typeof r === 'string' ? fail(r) : undone('restored', taskId, r, `Undone: ${t} is back.`);
      }
      case 'snoozed':
        return { reply: 'A snooze cannot be taken back; snooze again to pick another time.', state: {} };
    }
  }
}
