/** One message as the product composes it; an adapter turns it into SMTP. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /**
   * `<…@…>`, the same on every try of one firing: the dedupe key a mail system (or the
   * user's client) can use when a crash between "sent" and "recorded" sends it again.
   */
  messageId: string;
}

/**
 * Sends mail: SMTP through nodemailer on one machine, Dapr's SMTP output binding in a
 * cluster. Resolves once the server accepted the message; rejects with a reason otherwise
 * (the caller records it and retries).
 */
export interface MailSender {
  /** How the sender is reached, for logs and the startup line (never a password). */
  readonly describe: string;
  send(mail: OutgoingMail): Promise<void>;
  close(): Promise<void>;
}
