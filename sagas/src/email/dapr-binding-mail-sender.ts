import type { MailSender, OutgoingMail } from './mail-sender.ts';

const TIMEOUT_MS = 15_000;

/**
 * Dapr's SMTP output binding (`bindings.smtp`): `POST /v1.0/bindings/<name>` on the
 * sidecar with operation `create`; the component holds the server and its credentials
 * (deploy/helm/todo/dapr). The binding sends `data` as an HTML body and takes sender, recipient
 * and subject as per-request metadata; it has no way to set our Message-ID (docs/dapr.md).
 */
export class DaprBindingMailSender implements MailSender {
  readonly describe: string;
  private readonly url: string;
  private readonly from: string;

  constructor(daprHttpPort: number, bindingName: string, from: string, host = '127.0.0.1') {
    this.from = from;
    this.url = `http://${host}:${daprHttpPort}/v1.0/bindings/${encodeURIComponent(bindingName)}`;
    this.describe = `dapr binding ${bindingName}`;
  }

  async send(mail: OutgoingMail): Promise<void> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        operation: 'create',
        data: mail.html,
        metadata: { emailFrom: this.from, emailTo: mail.to, subject: mail.subject },
      }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!res.ok)
      throw new Error(`the Dapr SMTP binding answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    await res.arrayBuffer().catch(() => undefined);
  }

  async close(): Promise<void> {}
}
