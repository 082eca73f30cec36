import { afterAll, describe, expect, it } from '@jest/globals';
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { StartupProblem } from '../startup-problem.ts';
import { SERVICE_AUTOVACUUM_NAPTIME, startEmbeddedPostgres } from './embedded-postgres.ts';

// The one start path of the standalone system and the cluster launcher (DATA_DIR/cluster),
// as root (this machine) with DATA_DIR itself a 0700 directory, as `mktemp -d` makes them.

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function selectOne(connectionString: string): Promise<number> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  const { rows } = await client.query<{ one: number }>('select 1 as one');
  await client.end();
  return rows[0]!.one;
}

describe('the embedded server that serves the product', () => {
  it('visits its databases with autovacuum at the naptime it was given, else at the default', async () => {
    const naptime = async (options: { autovacuumNaptime?: string }) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'todo-naptime-'));
      dirs.push(dataDir);
      const server = await startEmbeddedPostgres(dataDir, { ...options, log: { info() {}, warn() {} } });
      const client = new pg.Client({ connectionString: server.connectionString });
      try {
        await client.connect();
        return (await client.query<{ autovacuum_naptime: string }>('show autovacuum_naptime')).rows[0]!
          .autovacuum_naptime;
      } finally {
        await client.end();
        await server.stop();
      }
    };
    expect(await naptime({ autovacuumNaptime: SERVICE_AUTOVACUUM_NAPTIME })).toBe(SERVICE_AUTOVACUUM_NAPTIME);
    expect(await naptime({})).toBe('1min');
  });
});

describe('startEmbeddedPostgres under a DATA_DIR closed to others', () => {
  it.each([
    ['the standalone system (DATA_DIR)', ''],
    ['the cluster launcher (DATA_DIR/cluster)', 'cluster'],
  ])('starts for %s', async (_name, sub) => {
    const dataRoot = mkdtempSync(join(tmpdir(), 'todo-0700-'));
    dirs.push(dataRoot);
    chmodSync(dataRoot, 0o700);
    const server = await startEmbeddedPostgres(join(dataRoot, sub), {
      dataRoot,
      log: { info() {}, warn() {} },
    });
    try {
      expect(await selectOne(server.connectionString)).toBe(1);
    } finally {
      await server.stop();
    }
    // Opened for traversal only: others may pass through, not list it.
    if (process.getuid?.() === 0) expect(statSync(dataRoot).mode & 0o777).toBe(0o711);
  });

  it('refuses a DATA_DIR below a directory closed to the database user, with a StartupProblem', async () => {
    const closed = mkdtempSync(join(tmpdir(), 'todo-closed-'));
    dirs.push(closed);
    chmodSync(closed, 0o700);
    const start = startEmbeddedPostgres(join(closed, 'data', 'cluster'), { dataRoot: join(closed, 'data') });
    if (process.getuid?.() === 0) {
      await expect(start).rejects.toBeInstanceOf(StartupProblem);
      await expect(start).rejects.toThrow(`cannot enter ${closed} (mode 0700)`);
    } else {
      await (await start).stop(); // not root: the server runs as this user, who can enter it
    }
  });
});
