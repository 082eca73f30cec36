import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '@todo/platform';

const MAIN = resolve(import.meta.dirname, 'main.ts');
/** Bounds for liveness only: start (initdb on a busy machine) and a graceful stop. */
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

const dataDir = mkdtempSync(join(tmpdir(), 'todo-tty-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Resolves once `output()` satisfies `done`, or rejects after `ms` saying what was seen. */
async function until(output: () => string, done: (text: string) => boolean, ms: number, what: string) {
  const deadline = Date.now() + ms;
  while (!done(output())) {
    if (Date.now() > deadline) throw new Error(`${what} within ${ms} ms; output:\n${output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('npm start at a terminal', () => {
  it('prints the ready line as plain text, logs readable lines, and stops on Ctrl+C', async () => {
    const port = await freePort();
    // util-linux `script` gives main.ts a pseudo-terminal, as a person's shell would. It runs
    // the command through $SHELL (or /bin/sh when unset); `exec` makes node the terminal's
    // foreground process itself, so the exit status is node's. Without it dash stays in
    // between, takes the Ctrl+C too and exits 130 whatever node does.
    const child = spawn('script', ['-qfec', `exec ${process.execPath} ${MAIN}`, '/dev/null'], {
      env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'info', DATABASE_URL: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((r) => child.once('close', (code) => r(code)));
    try {
      await until(
        () => output,
        (t) => t.includes('press Ctrl+C to stop'),
        START_TIMEOUT_MS,
        'no ready line',
      );
      const line = output.split(/\r?\n/).find((l) => l.includes('press Ctrl+C to stop')) ?? '';
      expect(line).toMatch(
        new RegExp(
          `^Todo(?:'s API)? is ready at http://127\\.0\\.0\\.1:${port}.* · data in ${escaped(dataDir)} · press Ctrl\\+C to stop$`,
        ),
      );
      // pino-pretty's lines, not JSON: "[12:00:00] INFO: …" (with colours).
      await until(
        () => output,
        (t) => /INFO.*: .*todo system ready/.test(t),
        START_TIMEOUT_MS,
        'no readable log',
      );
      expect(output).not.toMatch(/^\{"level":/m);

      child.stdin.write('\x03'); // Ctrl+C, through the terminal: SIGINT to main.ts
      await until(
        () => output,
        (t) => t.includes('stopped cleanly'),
        STOP_TIMEOUT_MS,
        'no clean stop after Ctrl+C',
      );
      expect(await exited).toBe(0);
    } finally {
      // A failed step must not leave the system (and its PostgreSQL) running: Ctrl+C first,
      // so main.ts stops PostgreSQL; `script` itself only if that did not end it.
      if (child.exitCode === null) {
        child.stdin.write('\x03');
        const timer = setTimeout(() => child.kill('SIGTERM'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      }
    }
  });
});
