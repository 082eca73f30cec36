import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { descendantsOf, stopProcess, survivorsAfter } from '../testing/index.ts';
import { parentDeathSignalAvailable } from './parent-death.ts';

// `launch` (every binary the launchers start: daprd, the scheduler, Kafka) through a parent
// that is then SIGKILLed: what it launched ends with it, unless launched to outlive it.

const PROCESSES = fileURLToPath(new URL('../testing/processes.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'todo-parent-death-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A node process that launches `sleep` (marked by `marker`, a number: sleep adds a second
 * operand to its seconds), says so on stdout, and waits.
 */
async function parentLaunchingSleep(marker: string, outlivesUs: boolean) {
  const script = `
    import { launch } from ${JSON.stringify(PROCESSES)};
    const p = launch('sleep', ['3600', ${JSON.stringify(marker)}], ${JSON.stringify(join(dir, `${marker}.log`))},
      ${JSON.stringify(marker)}, { outlivesUs: ${outlivesUs} });
    process.stdout.write(JSON.stringify(p) + '\\n');
    setInterval(() => {}, 1000);`;
  const parent = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const launched = await new Promise<{ pid: number; marker: string }>((resolve, reject) => {
    parent.stdout.once('data', (chunk: Buffer) => resolve(JSON.parse(chunk.toString()) as never));
    parent.once('exit', (code) => reject(new Error(`the parent exited (${code})`)));
  });
  return { parent, launched };
}

async function kill(parent: ReturnType<typeof spawn>) {
  const exited = new Promise((resolve) => parent.once('exit', resolve));
  parent.kill('SIGKILL');
  await exited;
}

describe('a process launched by a parent that is SIGKILLed', () => {
  it('ends with its parent', async () => {
    expect(parentDeathSignalAvailable()).toBe(true); // this is Linux with util-linux
    const { parent, launched } = await parentLaunchingSleep('7', false);
    const below = descendantsOf(parent.pid!);
    expect(below.map((p) => p.pid)).toContain(launched.pid);
    await kill(parent);
    expect(await survivorsAfter(below, 30_000)).toEqual([]);
  });

  it('runs on when launched to outlive it (npm run kafka:start), until stopped by its pid', async () => {
    const { parent, launched } = await parentLaunchingSleep('11', true);
    const below = descendantsOf(parent.pid!);
    await kill(parent);
    try {
      // Given the same time the other one had to end, it is still there.
      expect((await survivorsAfter(below, 2_000)).map((p) => p.pid)).toEqual([launched.pid]);
    } finally {
      await stopProcess(launched);
    }
  });
});
