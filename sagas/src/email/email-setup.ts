import type { Config, TokenService } from '@todo/platform';
import { DaprBindingMailSender } from './dapr-binding-mail-sender.ts';
import { LinkSigner } from './email-links.ts';
import type { MailSender } from './mail-sender.ts';
import { SmtpMailSender } from './smtp-mail-sender.ts';

/** What both the routes and the worker need of email reminders, built once per process. */
export interface EmailSetup {
  /** A mail server or binding is configured: the settings can turn email reminders on. */
  available: boolean;
  /** How this process would send (the sagas' worker does); null when none is configured. */
  sender: MailSender | null;
  links: LinkSigner;
  /** The base URL of the links in a mail; undefined: the launcher's own URL. */
  publicUrl: string | undefined;
  messageIdDomain: string;
}

export type EmailConfig = Pick<Config, 'smtpUrl' | 'mailFrom' | 'publicUrl' | 'emailBinding'>;

/**
 * EMAIL_BINDING (a Dapr SMTP output binding's name) with a sidecar (DAPR_HTTP_PORT) sends
 * through Dapr; else SMTP_URL through nodemailer; else none. The links' key is derived from
 * the JWT secret, so every process of one deployment signs and checks the same links.
 */
export function emailSetup(config: EmailConfig, tokens: TokenService, env = process.env): EmailSetup {
  const daprPort = Number(env.DAPR_HTTP_PORT);
  const sender: MailSender | null =
    config.emailBinding && daprPort > 0
      ? new DaprBindingMailSender(daprPort, config.emailBinding, config.mailFrom)
      : config.smtpUrl
        ? new SmtpMailSender(config.smtpUrl, config.mailFrom)
        : null;
  const fromDomain = /@([^>\s]+)>?\s*$/.exec(config.mailFrom)?.[1] ?? 'todo.invalid';
  return {
    available: Boolean(config.smtpUrl || config.emailBinding),
    sender,
    links: new LinkSigner(tokens.derivedKey('email-links')),
    publicUrl: config.publicUrl?.replace(/\/+$/, ''),
    messageIdDomain: fromDomain,
  };
}
