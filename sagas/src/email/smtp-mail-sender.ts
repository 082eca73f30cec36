import nodemailer, { type Transporter } from 'nodemailer';
import type { MailSender, OutgoingMail } from './mail-sender.ts';

/** Bounds of one SMTP try: a server that hangs is a failed attempt, retried later. */
const TIMEOUT_MS = 10_000;

/**
 * SMTP through nodemailer: `url` is `smtp://user:pass@host:port` (STARTTLS when offered)
 * or `smtps://…` (TLS from the start). One connection per message: reminders are few, and
 * a pool would keep a dead connection to a restarted server.
 */
export class SmtpMailSender implements MailSender {
  readonly describe: string;
  private readonly from: string;
  private readonly transport: Transporter;

  constructor(url: string, from: string) {
    const parsed = new URL(url);
    this.describe = `smtp ${parsed.protocol}//${parsed.host}`;
    this.from = from;
    this.transport = nodemailer.createTransport({
      url,
      connectionTimeout: TIMEOUT_MS,
      greetingTimeout: TIMEOUT_MS,
      socketTimeout: TIMEOUT_MS,
    });
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transport.sendMail({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
    });
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}
