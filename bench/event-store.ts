import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { endAllPools } from '@event-driven-io/dumbo';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import pg from 'pg';
import {
  createKnex,
  eventStoreMigrations,
  migrate,
  PostgresEventStore,
  startEmbeddedPostgres,
} from '@todo/platform';
import { ms, summarise } from './lib/stats.ts';

const WRITERS = 16;
const ROUNDS = Number(process.env.BENCH_STORE_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_STORE_SECONDS ?? 8);
/** Each writer starts a new stream every this many appends. */
const STREAM_LENGTH = 100;

/** One writer's append: `n` is its count so far (the stream's version is `n % STREAM_LENGTH`). */
type Append = (writer: { user: string; stream: string }, n: number) => Promise<void>;

interface Contender {
  name: string;
  append: Append;
  close(): Promise<void>;
}

/** CPU ticks (1/100 s) so far of each PostgreSQL process: the server and its backends. */
function postgresTicks(postmasterPid: number): Map<number, number> {
  const ticks = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // After "pid (comm) ": state, ppid, …, utime and stime (fields 14 and 15 of proc(5)).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(name) === postmasterPid || Number(fields[1]) === postmasterPid) {
        ticks.set(Number(name), Number(fields[11]) + Number(fields[12]));
      }
    } catch {
      // The process ended meanwhile.
    }
  }
  return ticks;
}

/**
 * A CPU meter over PostgreSQL (server and backends) and this process (the stores' client
 * side): per append, a figure that other work on the machine hardly changes, unlike the rate,
 * which depends on the share of the cores a store gets. Returns a function giving the ms used
 * since the meter started (by processes still running: a backend gone meanwhile counts nothing).
 */
function cpuMeter(postmasterPid: number): () => number {
  const pg0 = postgresTicks(postmasterPid);
  const own0 = process.cpuUsage();
  return () => {
    let ticks = 0;
    for (const [pid, t] of postgresTicks(postmasterPid)) ticks += t - (pg0.get(pid) ?? 0);
    const own = process.cpuUsage(own0);
    return ticks * 10 + (own.user + own.system) / 1000; // USER_HZ is 100 on Linux
  };
}

/** 16 writers back to back for `seconds`, each on its own user and stream; appends/s and latencies. */
async function measure(
  append: Append,
  seconds: number,
  postmasterPid: number,
): Promise<{ rate: number; latencies: number[]; cpuPerAppend: number }> {
  const latencies: number[] = [];
  const cpu = cpuMeter(postmasterPid);
  const deadline = performance.now() + seconds * 1000;
  const counts = await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      const writer = { user: randomUUID(), stream: randomUUID() };
      let n = 0;
      while (performance.now() < deadline) {
        if (n % STREAM_LENGTH === 0) writer.stream = randomUUID();
        const t0 = performance.now();
        await append(writer, n);
        latencies.push(performance.now() - t0);
        n++;
      }
      return n;
    }),
  );
  const total = counts.reduce((a, b) => a + b, 0);
  return { rate: total / seconds, latencies, cpuPerAppend: cpu() / total };
}

async function ours(connectionString: string): Promise<Contender> {
  const knex = createKnex(connectionString, WRITERS);
  await migrate(knex, eventStoreMigrations);
  const store = new PostgresEventStore(knex);
  return {
    name: "this project's `PostgresEventStore.append` (group commit: appends that arrive together in one `append_events_batch` call)",
    append: async (w, n) => {
      await store.append(w.stream, n % STREAM_LENGTH, [{ type: 'bench.appended.v1', data: { n } }], {
        userId: w.user,
        source: 'bench',
        correlationId: 'bench',
      });
    },
    close: () => knex.destroy(),
  };
}

/**
 * The same `append_events` function called once per append, as the store did before the group
 * commit: what the batching buys, in the same run.
 */
async function oursOneByOne(connectionString: string): Promise<Contender> {
  const knex = createKnex(connectionString, WRITERS);
  await migrate(knex, eventStoreMigrations);
  return {
    name: 'the same `append_events` function, one call per append (no group commit)',
    append: async (w, n) => {
      const events = JSON.stringify([{ id: randomUUID(), type: 'bench.appended.v1', data: { n } }]);
      const { rows } = await knex.raw(
        'select * from append_events(?::uuid, ?::uuid, ?::integer, ?::jsonb, ?, ?, ?, false, null)',
        [w.stream, w.user, n % STREAM_LENGTH, events, 'bench', 'bench', null],
      );
      if (rows[0].outcome !== 'ok') throw new Error(`append_events answered ${rows[0].outcome}`);
    },
    close: () => knex.destroy(),
  };
}

/** A pool whose idle connections may be cut when the server stops, without crashing the run. */
function poolFor(connectionString: string): pg.Pool {
  const p = new pg.Pool({ connectionString, max: WRITERS });
  p.on('error', () => undefined);
  return p;
}

async function emmett(connectionString: string): Promise<Contender> {
  const pool = poolFor(connectionString);
  const store = getPostgreSQLEventStore(connectionString, { connectionOptions: { pool } });
  const versions = new Map<string, bigint>();
  return {
    name: 'Emmett 0.42 `appendToStream` (`@event-driven-io/emmett-postgresql`, pool of 16)',
    append: async (w, n) => {
      const result = await store.appendToStream(
        `bench-${w.stream}`,
        [{ type: 'bench.appended.v1', data: { n } }],
        { expectedStreamVersion: n % STREAM_LENGTH === 0 ? 0n : versions.get(w.stream)! },
      );
      versions.set(w.stream, result.nextExpectedStreamVersion);
    },
    close: async () => {
      await store.close();
      await pool.end().catch(() => undefined);
    },
  };
}

async function rawInsert(connectionString: string): Promise<Contender> {
  const pool = poolFor(connectionString);
  await pool.query(
    'create table if not exists raw_events (position bigint generated always as identity primary key, stream_id uuid not null, data jsonb not null)',
  );
  return {
    name: 'a raw single-row `INSERT` with autocommit (the practical limit here)',
    append: async (w, n) => {
      await pool.query('insert into raw_events (stream_id, data) values ($1, $2)', [w.stream, { n }]);
    },
    close: () => pool.end(),
  };
}

async function createDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Issue 13: the event store (with its group commit) beside Emmett's PostgreSQL event store, the
 * same append function called once per append (what the group commit buys) and a raw insert, on one
 * embedded PostgreSQL (each in a database of its own), in one run, with interleaved rounds so
 * that a noisy neighbour on the machine hits all four alike.
 */
export async function run(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'todo-bench-store-'));
  const server = await startEmbeddedPostgres(dataDir, { database: 'bench' });
  const load = loadavg()[0]!;
  const postmasterPid = Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const contenders = [
    await ours(await createDatabase(server.connectionString, 'ours')),
    await emmett(await createDatabase(server.connectionString, 'emmett')),
    await oursOneByOne(await createDatabase(server.connectionString, 'one_by_one')),
    await rawInsert(await createDatabase(server.connectionString, 'raw')),
  ];
  try {
    for (const c of contenders) await measure(c.append, 1, postmasterPid); // warm-up (Emmett creates its schema here)
    const results = contenders.map(() => ({
      rates: [] as number[],
      latencies: [] as number[],
      cpu: [] as number[],
    }));
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, c] of contenders.entries()) {
        const { rate, latencies, cpuPerAppend } = await measure(c.append, SECONDS, postmasterPid);
        results[i]!.rates.push(rate);
        results[i]!.cpu.push(cpuPerAppend);
        results[i]!.latencies.push(...latencies);
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const rows = contenders.map((c, i) => {
      const s = summarise(results[i]!.latencies);
      const r = results[i]!;
      return { name: c.name, rate: median(r.rates), rates: r.rates, cpu: median(r.cpu), s };
    });
    const [mine, peer, oneByOne, raw] = rows as [
      (typeof rows)[0],
      (typeof rows)[0],
      (typeof rows)[0],
      (typeof rows)[0],
    ];
    return [
      '## Event store: appends beside Emmett (issue 13)',
      '',
      `One embedded PostgreSQL, each store in a database of its own, in the same run; ${WRITERS} writers back to back, ` +
        `one event per append, each writer on its own user and stream (a new stream every ${STREAM_LENGTH} appends, ` +
        `with the expected version), ${ROUNDS} interleaved rounds of ${SECONDS} s. Load average (1 min) at the start: ${load.toFixed(1)} on 2 cores.`,
      '',
      '| store | appends/s (median) | rounds | p50 | p99 | max | CPU per append (median) |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      ...rows.map(
        (r) =>
          `| ${r.name} | ${r.rate.toFixed(0)} | ${r.rates.map((x) => x.toFixed(0)).join(', ')} | ${ms(r.s.p50)} | ${ms(r.s.p99)} | ${ms(r.s.max)} | ${r.cpu.toFixed(3)} ms |`,
      ),
      '',
      'Replaced (issue 13, the same comparison on this machine on 2026-12-01, before the one-call append: five round trips, ' +
        'BEGIN, lock + sequence, stream row, events, COMMIT): this store 1,781 appends/s, p99 27 ms; Emmett 4,175, p99 10 ms; ' +
        'raw insert 10,874, p99 5 ms: **0.43×** Emmett. Then (the one-call append, before the group commit, on a quiet ' +
        'machine): this store 3,233 appends/s, p99 11.4 ms; Emmett 3,017, p99 12.6 ms: **1.07×** Emmett.',
      '',
      `**Ratio to Emmett: ${(mine.rate / peer.rate).toFixed(2)}×** (target ≥ 1.5×, p99 no worse: ${ms(mine.s.p99)} against ${ms(peer.s.p99)}); ` +
        `${((mine.rate / raw.rate) * 100).toFixed(0)} % of the raw-insert rate; the group commit gives ` +
        `${(mine.rate / oneByOne.rate).toFixed(2)}× the rate of one \`append_events\` call per append ` +
        `at ${((mine.cpu / oneByOne.cpu) * 100).toFixed(0)} % of its CPU per append (Emmett's: ${(peer.cpu / mine.cpu).toFixed(2)}× ours).`,
      '',
      "CPU per append is the CPU time of PostgreSQL (server and backends) and of the benchmark process (the stores' " +
        'client side) over the round, divided by the appends: on a shared machine the rate depends on the share of the ' +
        'cores a store gets (16 busy connections get more of it than 1 or 2 busy batches), the CPU it needs per append much less.',
      '',
    ].join('\n');
  } finally {
    for (const c of contenders) await c.close();
    // Emmett keeps pools of its own (dumbo's, per connection string) besides the one it was given.
    await endAllPools();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
