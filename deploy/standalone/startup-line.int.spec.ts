import { afterAll, describe, expect, it } from '@jest/globals';
import { removeDataDir, spawnSystem, type SystemProcess } from '../testing/system-process.ts';

let system: SystemProcess | undefined;
afterAll(async () => {
  await system?.stop();
  if (system) removeDataDir(system.dataDir);
});

/** How long the ready line may trail the first 200 of /readyz (it is written right after). */
const LINE_TIMEOUT_MS = 10_000;

describe('npm start, its ready line when stdout is not a terminal', () => {
  it('is a JSON log line saying where it listens, where the data is and how to stop it', async () => {
    let output = '';
    system = await spawnSystem({ env: { LOG_LEVEL: 'info' }, onOutput: (text) => (output += text) });
    const deadline = Date.now() + LINE_TIMEOUT_MS;
    const readyLine = () => output.split('\n').find((line) => line.includes('press Ctrl+C to stop'));
    while (!readyLine() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));

    const line = readyLine();
    expect(line).toBeDefined();
    // A pipe gets pino's JSON, never pino-pretty's text: every line of output parses.
    const lines = output.split('\n').filter((l) => l.trim() !== '');
    for (const l of lines) expect(() => JSON.parse(l)).not.toThrow();
    const entry = JSON.parse(line ?? '') as { msg: string; url: string; dataDir: string };
    expect(entry.url).toBe(system.url);
    expect(entry.dataDir).toBe(system.dataDir);
    expect(entry.msg).toMatch(
      new RegExp(
        `^Todo(?:'s API)? is ready at ${system.url}.* · data in ${system.dataDir} · press Ctrl\\+C to stop$`,
      ),
    );
  });
});
