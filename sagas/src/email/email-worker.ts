import { EMAIL_SNOOZE_MINUTES } from '@todo/contracts';
import { handleTaskCommand, TaskRuleViolation } from '@todo/domain';
import { DuplicateEventError, type Clock, type EventStore, type Knex, type Logger } from '@todo/platform';
import { DateTime } from 'luxon';
import { claimDue, earliestPending } from '../delivery/claim-due.ts';
import { DeliveryLoop } from '../delivery/delivery-loop.ts';
import { deterministicUuid } from '../deterministic-id.ts';
import type { Timers } from '../scheduler/timers.ts';
import { taskAtVersion } from '../task-at-version.ts';
import { FIRST_RETRY_MS, nextAttemptAt } from '../webhooks/backoff.ts';
import { EMAIL_CHANNEL } from './email-enqueuer.ts';
import { ACTION_LINK_TTL_MS, expiresIn, VERIFY_LINK_TTL_MS, type LinkSigner } from './email-links.ts';
import type { MailSender, OutgoingMail } from './mail-sender.ts';
import { reminderMail, verificationMail } from './reminder-mail.ts';

const SOURCE = 'sagas/email';

export interface EmailWorkerOptions {
  knex: Knex;
  connectionString: string;
  eventStore: EventStore;
  logger: Logger;
  clock: Clock;
  timers?: Timers;
  sender: MailSender;
  links: LinkSigner;
  /** The public base URL the links in a mail point at (`https://todo.example`). */
  publicUrl: () => string;
  /** The domain of our Message-IDs. */
  messageIdDomain: string;
  firstRetryMs?: number;
}

interface Claimed {
  delivery_id: string;
  kind: 'reminder' | 'verify';
  user_id: string;
  address: string;
  attempts: number;
  created_at: Date;
  // Set for a reminder; null for a verification.
  firing_id: string | null;
  task_id: string | null;
  reminder_id: string | null;
  scheduled_for: Date | null;
}

type Outcome = { kind: 'sent' } | { kind: 'failed'; error: string } | { kind: 'cancelled'; reason: string };

/**
 * Sends the outbox's mails (reminders, and the verification of new addresses): claims due ones (SKIP LOCKED, with a lease), sends each
 * through the MailSender, and records the outcome. Delivered (or given up on after 24 h of
 * retries with back-off) is written in one transaction with a `reminder-emailed` event on
 * the task, so the task's history shows it. A crash after the server accepted the mail and
 * before that commit sends it again when the lease runs out: at least once to SMTP, with
 * the same Message-ID on every try (the dedupe key), and recorded exactly once.
 */
export class EmailWorker {
  private readonly o: EmailWorkerOptions;
  private readonly log: Logger;
  private readonly loop: DeliveryLoop<Claimed>;

  constructor(options: EmailWorkerOptions) {
    this.o = options;
    this.log = options.logger.child({ component: 'email-worker' });
    this.loop = new DeliveryLoop<Claimed>({
      connectionString: options.connectionString,
      channel: EMAIL_CHANNEL,
      logger: this.log,
      clock: options.clock,
      ...(options.timers ? { timers: options.timers } : {}),
      claim: (now) => this.claim(now),
      deliver: (c) => this.deliver(c),
      nextAttemptAt: () => earliestPending(this.o.knex, 'email_deliveries'),
    });
  }

  wake(): void {
    this.loop.wake();
  }

  start(): Promise<void> {
    return this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
    await this.o.sender.close();
  }

  private claim(now: Date): Promise<Claimed[]> {
    return claimDue<Claimed>(
      this.o.knex,
      'email_deliveries',
      [
        'delivery_id',
        'kind',
        'user_id',
        'firing_id',
        'task_id',
        'reminder_id',
        'scheduled_for',
        'address',
        'attempts',
        'created_at',
      ],
      now,
    );
  }

  private async deliver(c: Claimed): Promise<void> {
    const outcome = await this.attempt(c);
    const attempt = outcome.kind === 'cancelled' ? c.attempts : c.attempts + 1;
    const now = this.o.clock.now();
    const retryAt =
      outcome.kind === 'failed'
        ? nextAttemptAt(c.created_at, attempt, now, this.o.firstRetryMs ?? FIRST_RETRY_MS)
        : null;
    const status =
      outcome.kind === 'sent'
        ? 'delivered'
        : outcome.kind === 'cancelled'
          ? 'cancelled'
          : retryAt
            ? 'pending'
            : 'failed';
    const error =
      outcome.kind === 'failed' ? outcome.error : outcome.kind === 'cancelled' ? outcome.reason : null;
    if (outcome.kind === 'failed')
      this.log.warn({ deliveryId: c.delivery_id, attempt, error }, 'reminder email not sent');
    await this.o.knex.transaction(async (trx) => {
      await trx('email_deliveries')
        .where({ delivery_id: c.delivery_id })
        .update({
          attempts: attempt,
          status,
          last_error: error,
          next_attempt_at: retryAt,
          finished_at: status === 'pending' ? null : now,
        });
      if (c.kind === 'reminder' && (status === 'delivered' || status === 'failed'))
        await this.record(trx, c, status, attempt, error);
    });
  }

  private async attempt(c: Claimed): Promise<Outcome> {
    const mail = c.kind === 'reminder' ? await this.reminderMail(c) : await this.verificationMail(c);
    if ('reason' in mail) return { kind: 'cancelled', reason: mail.reason };
    try {
      await this.o.sender.send(mail);
      return { kind: 'sent' };
    } catch (err) {
      return { kind: 'failed', error: err instanceof Error ? err.message.slice(0, 500) : String(err) };
    }
  }

  private async reminderMail(c: Claimed): Promise<OutgoingMail | { reason: string }> {
    const { firing_id: firing, task_id: taskId, reminder_id: reminderId, scheduled_for: dueAt } = c;
    if (!firing || !taskId || !reminderId || !dueAt) return { reason: 'not a reminder delivery' };
    const task = taskAtVersion((await this.o.eventStore.readStream(taskId)).events);
    if (task.status !== 'open') return { reason: 'the task was closed before the mail went out' };
    const still = await this.o
      .knex('email_addresses')
      .where({ user_id: c.user_id, address: c.address })
      .whereNotNull('verified_at')
      .first('user_id');
    if (!still) return { reason: 'email reminders were turned off or the address changed' };
    const exp = expiresIn(new Date(c.created_at), ACTION_LINK_TTL_MS);
    const link = (k: 'done' | 'snooze') =>
      `${this.o.publicUrl()}/api/email/action?token=${this.o.links.sign({ k, u: c.user_id, t: taskId, r: reminderId, f: firing, exp })}`;
    const due = DateTime.fromJSDate(new Date(dueAt)).setZone(task.timezone);
    return reminderMail({
      to: c.address,
      messageId: this.messageId(c),
      title: task.title,
      dueText: (due.isValid ? due : DateTime.fromJSDate(new Date(dueAt)).toUTC()).toFormat(
        "ccc d LLL yyyy 'at' HH:mm ZZZZ",
      ),
      doneUrl: link('done'),
      snoozeUrl: link('snooze'),
      snoozeMinutes: EMAIL_SNOOZE_MINUTES,
    });
  }

  private async verificationMail(c: Claimed): Promise<OutgoingMail | { reason: string }> {
    const current = await this.o.knex('email_addresses').where({ user_id: c.user_id }).first();
    if (!current || current.address !== c.address) return { reason: 'the address was changed or removed' };
    if (current.verified_at) return { reason: 'the address is already verified' };
    const exp = expiresIn(new Date(c.created_at), VERIFY_LINK_TTL_MS);
    const token = this.o.links.sign({ k: 'verify', u: c.user_id, address: c.address, exp });
    return verificationMail(
      c.address,
      `${this.o.publicUrl()}/api/email/verify?token=${token}`,
      this.messageId(c),
    );
  }

  private messageId(c: Claimed): string {
    return `<${c.kind}-${c.delivery_id}@${this.o.messageIdDomain}>`;
  }

  /** The outcome on the task's stream, with a derived id: a repeat is refused by the store. */
  private async record(
    trx: Knex.Transaction,
    c: Claimed,
    outcome: 'delivered' | 'failed',
    attempts: number,
    error: string | null,
  ): Promise<void> {
    try {
      await handleTaskCommand(
        this.o.eventStore.in(trx),
        {
          type: 'RecordReminderEmailed',
          taskId: c.task_id!,
          reminderId: c.reminder_id!,
          firingId: c.firing_id!,
          outcome,
          attempts,
          messageId: this.messageId(c),
          error,
        },
        {
          userId: c.user_id,
          correlationId: c.firing_id!,
          causationId: c.firing_id!,
          source: SOURCE,
          eventIds: [deterministicUuid(`email:recorded:${c.delivery_id}`)],
        },
      );
    } catch (e) {
      if (e instanceof DuplicateEventError) return;
      if (e instanceof TaskRuleViolation) return; // deleted meanwhile: nothing left to record on
      throw e;
    }
  }
}
