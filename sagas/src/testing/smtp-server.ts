import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@todo/platform';
import { ensurePythonTool, stopProcess, type StartedProcess } from '@todo/platform/local';
import { launch, waitUntil } from '@todo/platform/testing';
import { simpleParser, type ParsedMail } from 'mailparser';
import { byDeliveryTime } from './maildir-order.ts';

/** The real SMTP server of the tests: aiosmtpd from PyPI, pinned, in its own venv. */
const AIOSMTPD = { pkg: 'aiosmtpd', version: '1.4.6' };

export interface TestSmtpServer {
  port: number;
  /** `smtp://127.0.0.1:<port>`, for SMTP_URL. */
  url: string;
  /** Every message the server accepted so far, parsed, oldest first. */
  messages(): Promise<ParsedMail[]>;
  /** Stops the server (the port stays ours to start it on again). */
  stop(): Promise<void>;
  /** Starts it again on the same port, keeping what it received. */
  start(): Promise<void>;
  /** Stops it and removes its mailbox. */
  close(): Promise<void>;
}

function greets(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setTimeout(2000);
    socket.once('data', (d) => {
      socket.destroy();
      resolve(d.toString().startsWith('220'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/**
 * A real SMTP server on loopback, on a free port: aiosmtpd with its Maildir handler, so each
 * accepted message is a file the test reads back (parsed by mailparser, as a mail client would).
 */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  const binary = ensurePythonTool(AIOSMTPD);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'todo-smtp-'));
  const maildir = join(dir, 'maildir');
  let process: StartedProcess | null = null;
  const start = async () => {
    const marker = `127.0.0.1:${port}`;
    process = launch(
      binary,
      ['-n', '-l', marker, '-c', 'aiosmtpd.handlers.Mailbox', maildir],
      join(dir, 'aiosmtpd.log'),
      marker,
    );
    await waitUntil(process, 'aiosmtpd', () => greets(port), 30_000);
  };
  const stop = async () => {
    if (process) await stopProcess(process, 'SIGTERM', 5000);
    process = null;
  };
  await start();
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    start,
    stop,
    messages: async () => {
      const folder = join(maildir, 'new');
      let names: string[];
      try {
        names = readdirSync(folder).sort(byDeliveryTime);
      } catch {
        return [];
      }
      return Promise.all(names.map((n) => simpleParser(readFileSync(join(folder, n)))));
    },
    close: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
