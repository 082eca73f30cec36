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
import type { ActionPayload, LinkCheck } from './email-links.ts';
import type { EmailSetup } from './email-setup.ts';
import { acceptFormBodies, FORM_CONTENT_TYPE } from './form-body.ts';
import { confirmPage, htmlPage, linkPage } from './link-page.ts';

export interface EmailActionDeps {
  store: EventStore;
  clock: Clock;
  email: EmailSetup;
}

const SOURCE = 'sagas/email-link';
const PATH = '/api/email/action';
const HTML = 'text/html; charset=utf-8';

/** A done or snooze link's payload, or the problem that refuses it (a verify link is not one). */
function actionOf(check: LinkCheck): ActionPayload {
  if (!check.ok) throw linkProblem(check);
  if (check.payload.k === 'verify') throw linkProblem({ ok: false, reason: 'malformed' });
  return check.payload;
}

/**
 * The "done" and "snooze" links of a reminder email, whose signed token says who, which task,
 * which reminder and which firing. The link itself (a GET) only asks: mail scanners and link
 * previews fetch links on their own, and a GET that acted would complete or snooze the task
 * before the user saw the mail. The page's button POSTs the same token, which acts through the
 * domain's command path like REST, with an event id derived from the firing and the action, so
 * a second press writes nothing more and says so.
 */
export async function emailActionRoute(app: ZodApp, deps: EmailActionDeps): Promise<void> {
  // A scope of its own: only these routes read form bodies.
  await app.register(async (plugin) => {
    const scope = plugin as ZodApp;
    acceptFormBodies(scope);

    scope.get(
      PATH,
      {
        config: { public: true },
        schema: {
          tags: ['email'],
          summary: 'The page a done or snooze link opens: it asks, and does nothing',
          querystring: EmailLinkQuery,
          response: {
            ...htmlPage('A page asking to confirm, with a button that posts the token'),
            ...problems(410),
          },
        },
      },
      async (request, reply) => {
        const { token } = request.query;
        const p = actionOf(deps.email.links.check(token, deps.clock.now()));
        const page =
          p.k === 'done'
            ? confirmPage(
                'Mark the task done?',
                'The reminder’s task will be marked as done.',
                'Mark it done',
                token,
              )
            : confirmPage(
                'Snooze the reminder?',
                `The reminder goes off again ${EMAIL_SNOOZE_MINUTES} minutes after you press the button.`,
                `Snooze ${EMAIL_SNOOZE_MINUTES} minutes`,
                token,
              );
        return reply.type(HTML).send(page);
      },
    );

    scope.post(
      PATH,
      {
        config: { public: true },
        bodyLimit: 4096,
        schema: {
          tags: ['email'],
          summary: 'Do what a done or snooze link says (the button of its page)',
          consumes: [FORM_CONTENT_TYPE, 'application/json'],
          body: EmailLinkQuery,
          response: { ...htmlPage('Done or snoozed'), ...problems(404, 409, 410) },
        },
      },
      async (request, reply) => {
        const now = deps.clock.now();
        const p = actionOf(deps.email.links.check(request.body.token, now));
        const page = (heading: string, message: string) => reply.type(HTML).send(linkPage(heading, message));
        try {
          await handleTaskCommand(deps.store, commandOf(p, now), {
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
  });
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

function already(kind: 'done' | 'snooze'): [string, string] {
  return kind === 'done'
    ? ['Already done', 'The task was already marked as done.']
    : ['Already snoozed', 'This link already snoozed the reminder.'];
}
