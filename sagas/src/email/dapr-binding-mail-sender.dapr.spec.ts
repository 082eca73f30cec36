import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ensureDaprdWithSmtp,
  startSidecar,
  stopSidecar,
  testBroker,
  writeResources,
  type Sidecar,
} from '@todo/platform/testing';
import { startSmtpServer, type TestSmtpServer } from '../testing/smtp-server.ts';
import { until } from '../testing/reminder-tasks.ts';
import { DaprBindingMailSender } from './dapr-binding-mail-sender.ts';
import { reminderMail } from './reminder-mail.ts';

// The Dapr adapter against a real daprd with the chart's own SMTP binding component
// (deploy/helm/todo/dapr/components/bindings-smtp.yaml, its server from the local secret
// store), sending to the same real SMTP server on loopback as the standalone tests. The
// sidecar is daprd with the SMTP binding (ensureDaprdWithSmtp: the test build of daprd has only
// the stable components; Dapr's release images have them all).
let smtp: TestSmtpServer;
let sidecar: Sidecar;
let workDir: string;
let sender: DaprBindingMailSender;
const appId = `mail-${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  smtp = await startSmtpServer();
  workDir = mkdtempSync(join(tmpdir(), 'todo-dapr-mail-'));
  const resourcesPath = writeResources(join(workDir, 'resources'), {
    brokers: testBroker().brokers,
    appIds: [appId],
    secrets: { 'todo-smtp': { host: '127.0.0.1', port: String(smtp.port), user: '', password: '' } },
    files: ['components/bindings-smtp.yaml'],
  });
  // Built by the dapr project's global setup: daprd with the SMTP binding.
  sidecar = await startSidecar({ appId, resourcesPath, workDir, binary: ensureDaprdWithSmtp() });
  sender = new DaprBindingMailSender(sidecar.httpPort, 'reminder-mail', 'Todo <reminders@todo.test>');
});
afterAll(async () => {
  if (sidecar) await stopSidecar(sidecar);
  await smtp?.close();
  if (workDir && !process.env.TEST_DAPR_KEEP_LOGS) rmSync(workDir, { recursive: true, force: true });
});

const mail = (title: string) =>
  reminderMail({
    to: 'ada@mail.test',
    messageId: `<reminder-${randomUUID()}@todo.test>`,
    title,
    dueText: 'Mon 4 Mar 2030 at 09:00 CET',
    doneUrl: 'https://todo.test/api/email/action?token=a.b',
    snoozeUrl: 'https://todo.test/api/email/action?token=c.d',
    snoozeMinutes: 60,
  });

describe('the Dapr SMTP binding adapter', () => {
  it('sends a reminder through the sidecar to the SMTP server, links in the HTML body', async () => {
    await sender.send(mail('Water the plants'));
    await until(async () => (await smtp.messages()).length === 1);
    const [received] = await smtp.messages();
    expect(received!.subject).toBe('Reminder: Water the plants');
    expect(received!.from?.text).toContain('reminders@todo.test');
    expect(received!.to).toMatchObject({ text: 'ada@mail.test' });
    expect(received!.html).toContain('href="https://todo.test/api/email/action?token=a.b"');
  });

  it('fails while the SMTP server is down (so the worker retries) and sends once it is back', async () => {
    await smtp.stop();
    await expect(sender.send(mail('Pay the rent'))).rejects.toThrow(/the Dapr SMTP binding answered 500/);
    await smtp.start();
    await sender.send(mail('Pay the rent'));
    await until(async () => (await smtp.messages()).length === 2);
    expect((await smtp.messages()).map((m) => m.subject)).toEqual([
      'Reminder: Water the plants',
      'Reminder: Pay the rent',
    ]);
  });
});
