import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AnyEnvelope } from '@todo/contracts';
import type { Knex } from 'knex';
import type { EventLog } from '../event-log.ts';

/**
 * What an EventLog adapter brings to the conformance suite: the log, the database its
 * consumers write their effects to, and a way to write events to the log of record such
 * that they are in the log when `append` resolves (for Kafka: stored and relayed).
 */
export interface EventLogHarness {
  log: EventLog;
  knex: Knex;
  append(userId: string, count: number): Promise<AnyEnvelope[]>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function isAscending(values: bigint[]): boolean {
  return values.every((v, i) => i === 0 || values[i - 1]! < v);
}

/**
 * The behaviour every EventLog adapter must have, written once and run against each
 * adapter (PostgreSQL in the int tests, Kafka in the kafka tests).
 */
export function describeEventLogConformance(
  adapter: string,
  makeHarness: () => Promise<EventLogHarness>,
): void {
  describe(`EventLog conformance: ${adapter}`, () => {
    let h: EventLogHarness;
    let table = 0;

    beforeAll(async () => {
      h = await makeHarness();
    });
    afterAll(async () => h.close());

    /** A fresh effects table whose primary key refuses a second effect of the same event. */
    async function effectsTable(): Promise<string> {
      const name = `conformance_effects_${++table}`;
      await h.knex.raw(
        `create table ${name} (event_id text primary key, user_id text not null, userseq bigint not null, n serial)`,
      );
      return name;
    }

    const record = async (name: string, events: AnyEnvelope[], trx: Knex.Transaction): Promise<void> => {
      await trx(name).insert(events.map((e) => ({ event_id: e.id, user_id: e.userid, userseq: e.userseq })));
    };

    const idsOf = (events: AnyEnvelope[]) => events.map((e) => e.id);

    it('delivers to a new consumer every event written before it subscribed, from the start', async () => {
      const user = randomUUID();
      const written = await h.append(user, 5);
      const effects = await effectsTable();
      const sub = h.log.subscribe(`from-start-${randomUUID()}`, (events, trx) =>
        record(effects, events, trx),
      );
      await sub.caughtUp();
      await sub.stop();
      const rows = await h.knex(effects).where({ user_id: user }).orderBy('n');
      expect(rows.map((r) => r.event_id)).toEqual(idsOf(written));
    });

    it("keeps one user's events in order while many users write at once", async () => {
      const users = Array.from({ length: 6 }, () => randomUUID());
      const effects = await effectsTable();
      const sub = h.log.subscribe(`ordering-${randomUUID()}`, (events, trx) => record(effects, events, trx), {
        batchSize: 7,
      });
      const written = (await Promise.all(users.flatMap((u) => [h.append(u, 3), h.append(u, 2)]))).flat();
      await sub.caughtUp();
      await sub.stop();
      const rows = await h.knex(effects).whereIn('user_id', users).orderBy('n');
      expect(rows).toHaveLength(written.length);
      for (const u of users) {
        const seqs = rows.filter((r) => r.user_id === u).map((r) => BigInt(r.userseq));
        expect(seqs).toHaveLength(5);
        expect(isAscending(seqs)).toBe(true);
      }
    });

    it('resumes after a stop from its checkpoint: only what came after, nothing twice', async () => {
      const user = randomUUID();
      const effects = await effectsTable();
      const name = `resume-${randomUUID()}`;
      const first = await h.append(user, 4);
      const sub1 = h.log.subscribe(name, (events, trx) => record(effects, events, trx));
      await sub1.caughtUp();
      await sub1.stop();
      const second = await h.append(user, 3);
      const delivered: AnyEnvelope[] = [];
      const sub2 = h.log.subscribe(name, async (events, trx) => {
        delivered.push(...events.filter((e) => e.userid === user));
        await record(effects, events, trx);
      });
      await sub2.caughtUp();
      await sub2.stop();
      expect(idsOf(delivered)).toEqual(idsOf(second));
      const rows = await h.knex(effects).where({ user_id: user }).orderBy('n');
      expect(rows.map((r) => r.event_id)).toEqual(idsOf([...first, ...second]));
    });

    it('redelivers a batch whose handler failed, and its effects land exactly once', async () => {
      const user = randomUUID();
      const effects = await effectsTable();
      const name = `redelivery-${randomUUID()}`;
      const written = await h.append(user, 6);
      let calls = 0;
      const crashing = h.log.subscribe(
        name,
        async (events, trx) => {
          await record(effects, events, trx);
          calls++;
          // Dies after writing its effect, before the batch is done: it must roll back.
          if (events.some((e) => e.userid === user)) throw new Error('process killed mid-batch');
        },
        { batchSize: 2 },
      );
      // Generous: under load a Kafka consumer group can take seconds to form.
      for (let i = 0; i < 1500 && calls < 2; i++) await sleep(20);
      await crashing.stop();
      expect(calls).toBeGreaterThanOrEqual(1);
      const resumed = h.log.subscribe(name, (events, trx) => record(effects, events, trx), { batchSize: 2 });
      await resumed.caughtUp();
      await resumed.stop();
      const rows = await h.knex(effects).where({ user_id: user }).orderBy('n');
      expect(rows.map((r) => r.event_id)).toEqual(idsOf(written));
    });

    it('splits the work between two instances of one consumer: each effect once, order kept', async () => {
      const users = Array.from({ length: 8 }, () => randomUUID());
      const effects = await effectsTable();
      const name = `competing-${randomUUID()}`;
      const handler = (events: AnyEnvelope[], trx: Knex.Transaction) => record(effects, events, trx);
      const a = h.log.subscribe(name, handler, { batchSize: 3 });
      const b = h.log.subscribe(name, handler, { batchSize: 3 });
      const written = (await Promise.all(users.map((u) => h.append(u, 4)))).flat();
      await Promise.all([a.caughtUp(), b.caughtUp()]);
      await Promise.all([a.stop(), b.stop()]);
      const rows = await h.knex(effects).whereIn('user_id', users).orderBy('n');
      expect(rows).toHaveLength(written.length);
      for (const u of users) {
        const seqs = rows.filter((r) => r.user_id === u).map((r) => BigInt(r.userseq));
        expect(isAscending(seqs)).toBe(true);
      }
    });

    it('caughtUp waits for everything written before the call, and resolves on an idle log', async () => {
      const effects = await effectsTable();
      const sub = h.log.subscribe(`caught-up-${randomUUID()}`, (events, trx) => record(effects, events, trx));
      await sub.caughtUp();
      const user = randomUUID();
      const written = await h.append(user, 3);
      await sub.caughtUp();
      // No waiting beyond caughtUp: the effects must already be there.
      const rows = await h.knex(effects).where({ user_id: user });
      expect(rows).toHaveLength(written.length);
      // Nothing new was written: this one must resolve all the same (a caughtUp that waited
      // for an event to apply would hang here until the test's timeout), and redeliver nothing.
      await sub.caughtUp();
      await sub.stop();
      expect(await h.knex(effects).where({ user_id: user })).toHaveLength(written.length);
    });

    it('gives each consumer name its own position: two consumers both see every event', async () => {
      const user = randomUUID();
      const written = await h.append(user, 3);
      const e1 = await effectsTable();
      const e2 = await effectsTable();
      const s1 = h.log.subscribe(`independent-a-${randomUUID()}`, (events, trx) => record(e1, events, trx));
      const s2 = h.log.subscribe(`independent-b-${randomUUID()}`, (events, trx) => record(e2, events, trx));
      await Promise.all([s1.caughtUp(), s2.caughtUp()]);
      await Promise.all([s1.stop(), s2.stop()]);
      for (const t of [e1, e2]) {
        const rows = await h.knex(t).where({ user_id: user }).orderBy('n');
        expect(rows.map((r) => r.event_id)).toEqual(idsOf(written));
      }
    });
  });
}
