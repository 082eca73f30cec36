import type { OutgoingMail } from './mail-sender.ts';

export interface ReminderMailInput {
  to: string;
  messageId: string;
  title: string;
  /** When the reminder was due, already written in the user's zone. */
  dueText: string;
  doneUrl: string;
  snoozeUrl: string;
  snoozeMinutes: number;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The reminder email: the task, when it was due, and the two signed links (text and HTML). */
export function reminderMail(input: ReminderMailInput): OutgoingMail {
  const { title, dueText, doneUrl, snoozeUrl, snoozeMinutes } = input;
  const subject = `Reminder: ${title.replace(/[\r\n]+/g, ' ').slice(0, 150)}`;
  const text = [
    `Reminder: ${title}`,
    `Due ${dueText}.`,
    '',
    `Mark it done: ${doneUrl}`,
    `Snooze ${snoozeMinutes} minutes: ${snoozeUrl}`,
    '',
    'You get these emails because you turned on email reminders in the settings.',
  ].join('\n');
  const html = [
    `<p><strong>Reminder:</strong> ${escapeHtml(title)}</p>`,
    `<p>Due ${escapeHtml(dueText)}.</p>`,
    `<p><a href="${escapeHtml(doneUrl)}">Mark it done</a> · `,
    `<a href="${escapeHtml(snoozeUrl)}">Snooze ${snoozeMinutes} minutes</a></p>`,
    '<p style="color:#666">You get these emails because you turned on email reminders in the settings.</p>',
  ].join('\n');
  return { to: input.to, subject, text, html, messageId: input.messageId };
}

/** The verification email for a new address. */
export function verificationMail(to: string, verifyUrl: string, messageId: string): OutgoingMail {
  return {
    to,
    subject: 'Confirm your address for todo reminders',
    text: `Confirm this address to get your reminders by email: ${verifyUrl}\n\nThe link works for 24 hours. If you did not ask for this, ignore this mail.`,
    html: `<p><a href="${escapeHtml(verifyUrl)}">Confirm this address</a> to get your reminders by email.</p><p>The link works for 24 hours. If you did not ask for this, ignore this mail.</p>`,
    messageId,
  };
}
