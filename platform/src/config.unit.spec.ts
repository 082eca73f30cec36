import { describe, expect, it } from '@jest/globals';
import { loadConfig } from './config.ts';

describe('the mail settings of the configuration', () => {
  it('leaves email reminders off when nothing is configured', () => {
    expect(loadConfig({})).toMatchObject({
      smtpUrl: undefined,
      emailBinding: undefined,
      publicUrl: undefined,
    });
  });

  it('takes an SMTP URL, a Dapr binding name, a sender and the public URL', () => {
    expect(
      loadConfig({
        SMTP_URL: 'smtp://user:secret@mail.example.com:587',
        EMAIL_BINDING: 'reminder-mail',
        MAIL_FROM: 'Todo <todo@example.com>',
        PUBLIC_URL: 'https://todo.example.com',
      }),
    ).toMatchObject({
      smtpUrl: 'smtp://user:secret@mail.example.com:587',
      emailBinding: 'reminder-mail',
      mailFrom: 'Todo <todo@example.com>',
      publicUrl: 'https://todo.example.com',
    });
  });

  it('refuses an SMTP_URL that is not smtp(s), without echoing its password', () => {
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.com' })).toThrow(
      'SMTP_URL must start with smtp:// or smtps://, got http:',
    );
    expect(() => loadConfig({ SMTP_URL: 'smtp//user:secret@host' })).toThrow(/SMTP_URL must be a URL/);
    expect(() => loadConfig({ SMTP_URL: 'smtp//user:secret@host' })).not.toThrow(/secret/);
  });
});
