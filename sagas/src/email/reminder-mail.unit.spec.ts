import { describe, expect, it } from '@jest/globals';
import { reminderMail } from './reminder-mail.ts';

const input = {
  to: 'ada@mail.test',
  messageId: '<reminder-1@todo.test>',
  title: 'Pay <rent> & "bills"\r\nBcc: evil@example.com',
  dueText: 'Mon 4 Mar 2030 at 09:00 CET',
  doneUrl: 'https://todo.test/api/email/action?token=a.b',
  snoozeUrl: 'https://todo.test/api/email/action?token=c.d',
  snoozeMinutes: 60,
};

describe('a reminder email', () => {
  it('carries the task, when it was due and both links, in text and HTML', () => {
    const mail = reminderMail(input);
    expect(mail.text).toContain(`Mark it done: ${input.doneUrl}`);
    expect(mail.text).toContain(`Snooze 60 minutes: ${input.snoozeUrl}`);
    expect(mail.text).toContain('Due Mon 4 Mar 2030 at 09:00 CET.');
    expect(mail.html).toContain(`<a href="${input.doneUrl}">Mark it done</a>`);
    expect(mail).toMatchObject({ to: input.to, messageId: input.messageId });
  });

  it('keeps a title from breaking out of the subject line or the HTML', () => {
    const mail = reminderMail(input);
    expect(mail.subject).toBe('Reminder: Pay <rent> & "bills" Bcc: evil@example.com');
    expect(mail.html).toContain('Pay &lt;rent&gt; &amp; &quot;bills&quot;');
    expect(mail.html).not.toContain('<rent>');
  });
});
