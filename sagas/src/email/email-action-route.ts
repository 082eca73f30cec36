import { EMAIL_SNOOZE_MINUTES, type TaskCommand } from '@todo/contracts';
import { handleTaskCommand, TaskRuleViolation } from '@todo/domain';
import {
  conflict,
  DuplicateEventError,
  notFound,
  type Clock,
  type EventStore,
  type ZodApp,
} from '@todo/platform';
import { deterministicUuid } from '../deterministic-id.ts';
import { linkProblem } from './email-routes.ts';
import type { ActionPayload } from './email-links.ts';
import type { EmailSetup } from './email-setup.ts';
import { mailLinkRoutes, type Said } from './mail-link-routes.ts';

export interface EmailActionDeps {
  store: EventStore;
  clock: Clock;
  email: EmailSetup;
}

const SOURCE = 'sagas/email-link';

/**
 * The "done" and "snooze" links of a reminder email, whose signed token says who, which task,
 * which reminder and which firing. The link only asks (a mail scanner's prefetch does
 * nothing); its button acts through the domain's command path like REST, with an event id
 * derived from the firing and the action, so a second press writes nothing more and says so.
 */
export async function emailActionRoute(app: ZodApp, deps: EmailActionDeps): Promise<void> {
  await mailLinkRoutes<ActionPayload>(app, {
    path: '/api/email/action',
    does: 'mark a reminder’s task done or snooze the reminder',
    check: (token) => {
      const check = deps.email.links.check(token, deps.clock.now());
      if (!check.ok) throw linkProblem(check);
      if (check.payload.k === 'verify') throw linkProblem({ ok: false, reason: 'malformed' });
      return check.payload;
    },
    question: (p) =>
      p.k === 'done'
        ? {
            heading: 'Mark the task done?',
            message: 'The reminder’s task will be marked as done.',
            button: 'Mark it done',
          }
        : {
            heading: 'Snooze the reminder?',
            message: `The reminder goes off again ${EMAIL_SNOOZE_MINUTES} minutes after you press the button.`,
            button: `Snooze ${EMAIL_SNOOZE_MINUTES} minutes`,
          },
    act: (p) => act(deps, p),
    problems: [404, 409],
  });
}

async function act(deps: EmailActionDeps, p: ActionPayload): Promise<Said> {
  try {
    await handleTaskCommand(deps.store, commandOf(p, deps.clock.now()), {
      userId: p.u,
      correlationId: p.f,
      causationId: p.f,
      source: SOURCE,
      eventIds: [deterministicUuid(`email:${p.k}:${p.f}`)],
    });
  } catch (error) {
    if (error instanceof DuplicateEventError) return already(p.k);
    if (!(error instanceof TaskRuleViolation)) throw error;
    if (p.k === 'done' && error.code === 'already-completed') return already('done');
    if (error.code === 'task-not-found' || error.code === 'task-deleted')
      throw notFound('the task no longer exists');
    throw conflict(error.message, error.code);
  }
  return p.k === 'done'
    ? { heading: 'Done', message: 'The task is marked as done.' }
    : { heading: 'Snoozed', message: `The reminder goes off again in ${EMAIL_SNOOZE_MINUTES} minutes.` };
}

function commandOf(p: ActionPayload, now: Date): TaskCommand {
  return p.k === 'done'
    ? { type: 'CompleteTask', taskId: p.t, completedAt: now.toISOString() }
    : {
        type: 'SnoozeReminder',
        taskId: p.t,
        reminderId: p.r,
        snoozedUntil: new Date(now.getTime() + EMAIL_SNOOZE_MINUTES * 60_000).toISOString(),
      };
}

function already(kind: 'done' | 'snooze'): Said {
  return kind === 'done'
    ? { heading: 'Already done', message: 'The task was already marked as done.' }
    : { heading: 'Already snoozed', message: 'This link already snoozed the reminder.' };
}
