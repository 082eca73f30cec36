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

describe('the integer settings of the configuration', () => {
  it('reads them from the environment given, not from the process', () => {
    const before = process.env.PORT;
    process.env.PORT = '9999';
    try {
      expect(loadConfig({ PORT: '1234', SHUTDOWN_GRACE_MS: '0' })).toMatchObject({
        port: 1234,
        shutdownGraceMs: 0,
      });
      expect(loadConfig({})).toMatchObject({ port: 8080, tokenTtlSeconds: 3600, shutdownGraceMs: 1000 });
    } finally {
      if (before === undefined) delete process.env.PORT;
      else process.env.PORT = before;
    }
  });

  it('refuses one that is not a non-negative integer, naming it', () => {
    expect(() => loadConfig({ TOKEN_TTL_SECONDS: '-1' })).toThrow(
      'TOKEN_TTL_SECONDS must be a non-negative integer, got "-1"',
    );
    expect(() => loadConfig({ PORT: '80.5' })).toThrow('PORT must be a non-negative integer, got "80.5"');
  });
});
