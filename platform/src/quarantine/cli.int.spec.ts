import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';

// The operator's command, as a real process: a bad invocation is refused before it touches
// any database, with one line naming what is wrong, the usage, and exit code 2.
const cli = join(process.cwd(), 'platform/src/quarantine/cli.ts');
const run = (...args: string[]) =>
  spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: '/nonexistent/never-opened', DATABASE_URL: '' },
  });

describe('npm run quarantine, given a bad invocation', () => {
  it.each([
    [['bogus'], 'unknown command: bogus'],
    [[], 'unknown command: (none)'],
    [['retry', '--wait', 'abc'], '--wait must be a number of seconds between 0 and 3600, got "abc"'],
    [['retry', '--wait', '0'], '--wait must be a number of seconds between 0 and 3600, got "0"'],
    [['retry', '--event', 'nope'], '--event must be an event id (a UUID), got "nope"'],
    [['list', '--frob'], "Unknown option '--frob'"],
  ])('%j is refused with a clear line and exit code 2', (args, reason) => {
    const child = run(...args);
    expect(child.status).toBe(2);
    expect(child.stderr.split('\n')[0]).toContain(reason);
    expect(child.stderr).toContain('usage: npm run quarantine');
  });
});
