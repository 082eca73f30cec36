import { EMAIL_SNOOZE_MINUTES, EmailLinkQuery, type TaskCommand } from '@todo/contracts';
import { handleTaskCommand, TaskRuleViolation } from '@todo/domain';
import {
  conflict,
  DuplicateEventError,
  notFound,
  problems,
  type Clock,
  type EventStore,
  type ZodApp,
} from '@todo/platform';
import { deterministicUuid } from '../deterministic-id.ts';
import { linkProblem } from './email-routes.ts';
import type { EmailSetup } from './email-setup.ts';
import { htmlPage, linkPage } from './link-page.ts';

export interface EmailActionDeps {
  store: EventStore;
  clock: Clock;
  email: EmailSetup;
}

const SOURCE = 'sagas/email-link';

/**
 * The "done" and "snooze" links of a reminder email: one public GET (a click in a mail
 * client), whose signed token says who, which task, which reminder and which firing. It acts
 * through the domain's command path like REST, with an event id derived from the firing and
 * the action, so a second click (or a mail scanner's prefetch after the click) writes
 * nothing more and says so.
 */
export async function emailActionRoute(app: ZodApp, deps: EmailActionDeps): Promise<void> {
  app.get(
    '/api/email/action',
    {
      config: { public: true },
      schema: {
        tags: ['email'],
        querystring: EmailLinkQuery,
        response: { ...htmlPage('Done or snoozed'), ...problems(404, 409, 410) },
      },
    },
    async (request, reply) => {
      const now = deps.clock.now();
      const check = deps.email.links.check(request.query.token, now);
      if (!check.ok) throw linkProblem(check);
      const p = check.payload;
      if (p.k === 'verify') throw linkProblem({ ok: false, reason: 'malformed' });
      const command: TaskCommand =
        p.k === 'done'
          ? { type: 'CompleteTask', taskId: p.t, completedAt: now.toISOString() }
          : {
              type: 'SnoozeReminder',
              taskId: p.t,
              reminderId: p.r,
              snoozedUntil: new Date(now.getTime() + EMAIL_SNOOZE_MINUTES * 60_000).toISOString(),
            };
      const page = (heading: string, message: string) =>
        reply.type('text/html; charset=utf-8').send(linkPage(heading, message));
      try {
        await handleTaskCommand(deps.store, command, {
          userId: p.u,
          correlationId: p.f,
          causationId: p.f,
          source: SOURCE,
          eventIds: [deterministicUuid(`email:${p.k}:${p.f}`)],
        });
      } catch (error) {
        if (error instanceof DuplicateEventError) return page(...already(p.k));
        if (!(error instanceof TaskRuleViolation)) throw error;
        if (p.k === 'done' && error.code === 'already-completed') return page(...already('done'));
        if (error.code === 'task-not-found' || error.code === 'task-deleted')
          throw notFound('the task no longer exists');
        throw conflict(error.message, error.code);
      }
      return p.k === 'done'
        ? page('Done', 'The task is marked as done.')
        : page('Snoozed', `The reminder goes off again in ${EMAIL_SNOOZE_MINUTES} minutes.`);
    },
  );
}

function already(kind: 'done' | 'snooze'): [string, string] {
  return kind === 'done'
    ? ['Already done', 'The task was already marked as done.']
    : ['Already snoozed', 'This link already snoozed the reminder.'];
}
