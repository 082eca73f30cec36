import type { AnyEnvelope } from '@todo/contracts';
import type { Knex } from 'knex';
import type { Logger } from 'pino';

/**
 * Keeps only events past the consumer's last applied sequence of their user (read with a
 * row lock), and says which users advanced to what. A user's events are dense (1, 2, 3 …):
 * a jump means one was never delivered, which is logged loudly (it would be a bug
 * upstream), then applied anyway.
 */
export async function filterRepeats(
  trx: Knex.Transaction,
  consumer: string,
  events: AnyEnvelope[],
  log: Logger,
): Promise<{ kept: AnyEnvelope[]; advanced: Map<string, bigint> }> {
  if (events.length === 0) return { kept: events, advanced: new Map() };
  const users = [...new Set(events.map((e) => e.userid))];
  const rows: Array<{ user_id: string; last_seq: string }> = await trx('kafka_consumer_user_seqs')
    .where({ consumer })
    .whereIn('user_id', users)
    .forUpdate()
    .select('user_id', 'last_seq');
  const last = new Map(rows.map((r) => [r.user_id, BigInt(r.last_seq)]));
  return keepFresh(events, last, log);
}

/** The events past `last` of their user, and the users' new last sequences. */
function keepFresh(
  events: AnyEnvelope[],
  last: Map<string, bigint>,
  log: Logger,
): { kept: AnyEnvelope[]; advanced: Map<string, bigint> } {
  const advanced = new Map<string, bigint>();
  const kept: AnyEnvelope[] = [];
  for (const event of events) {
    const previous = advanced.get(event.userid) ?? last.get(event.userid) ?? 0n;
    const seq = BigInt(event.userseq);
    if (seq <= previous) {
      log.debug({ id: event.id, userseq: event.userseq }, 'repeat dropped');
      continue;
    }
    if (seq !== previous + 1n) {
      log.error(
        { user: event.userid, expected: String(previous + 1n), got: event.userseq },
        'gap in user sequence',
      );
    }
    advanced.set(event.userid, seq);
    kept.push(event);
  }
  return { kept, advanced };
}

/** The upsert of the users' new last sequences, to run alone or inside a larger statement. */
export function saveUserSeqsSql(consumer: string, advanced: Map<string, bigint>) {
  return {
    sql: `insert into kafka_consumer_user_seqs (consumer, user_id, last_seq)
       select ?, u.user_id, u.last_seq from unnest(?::text[], ?::bigint[]) as u(user_id, last_seq)
       on conflict (consumer, user_id) do update set last_seq = excluded.last_seq`,
    bindings: [consumer, [...advanced.keys()], [...advanced.values()].map(String)],
  };
}

export interface Claim {
  /** The events past the consumer's last applied sequence of their user, in order. */
  kept: AnyEnvelope[];
  /**
   * Another transaction changed one of these users' sequences after this statement's
   * snapshot was taken (the claim waited for it): anything else the statement read may
   * miss what that transaction wrote, so read it again.
   */
  moved: boolean;
  /** The value of the `alongside` subquery. */
  alongside: unknown;
}

/**
 * `filterRepeats` and the save in one statement, for a consumer with no position of its
 * own (PostgreSQL 18's `RETURNING old`): the upsert of each user's last sequence in the batch
 * locks the user's row (or inserts it, which also makes a concurrent claim of a new user
 * wait), moves it only forward, and returns the sequence it replaced, from which the repeats
 * are dropped. A consumer's transaction is one round trip shorter than with a lock, a read
 * and a save; `alongside` (a scalar subquery) and the transaction's `synchronous_commit`
 * ride on the same statement.
 */
export async function claimFresh(
  trx: Knex.Transaction,
  consumer: string,
  events: AnyEnvelope[],
  log: Logger,
  options: {
    alongside?: { sql: string; bindings: readonly Knex.RawBinding[] };
    synchronousCommit?: 'off';
  } = {},
): Promise<Claim> {
  if (events.length === 0) return { kept: events, moved: false, alongside: undefined };
  const latest = new Map<string, bigint>();
  for (const e of events) {
    const seq = BigInt(e.userseq);
    if (seq > (latest.get(e.userid) ?? 0n)) latest.set(e.userid, seq);
  }
  // Sequence 0 is before any event: nothing of such a batch is fresh.
  if (latest.size === 0) return { kept: [], moved: false, alongside: undefined };
  // Rows are locked in one order (the users sorted), as a select … for update by key would,
  // so that two claims of overlapping users cannot deadlock.
  const users = [...latest.keys()].sort();
  const alongside = options.alongside ?? { sql: 'null', bindings: [] };
  const result = await trx.raw<{
    rows: { users: { user: string; previous: string | null; moved: boolean }[]; alongside: unknown }[];
  }>(
    `with seen as (
       select user_id, last_seq from kafka_consumer_user_seqs where consumer = ? and user_id = any(?::text[])
     ), claimed as (
       insert into kafka_consumer_user_seqs as s (consumer, user_id, last_seq)
       select ?, u.user_id, u.last_seq from unnest(?::text[], ?::bigint[]) as u(user_id, last_seq)
       on conflict (consumer, user_id) do update set last_seq = excluded.last_seq
         where excluded.last_seq > s.last_seq
       returning s.user_id, old.last_seq as previous
     )
     select (select coalesce(json_agg(json_build_object(
                'user', c.user_id, 'previous', c.previous::text,
                'moved', c.previous is distinct from seen.last_seq)),
               '[]'::json) from claimed c left join seen using (user_id)) as users,
            ${alongside.sql} as alongside,
            set_config('synchronous_commit', coalesce(?::text, current_setting('synchronous_commit')), true) as synchronous_commit`,
    [
      consumer,
      users,
      consumer,
      users,
      users.map((u) => String(latest.get(u))),
      ...alongside.bindings,
      options.synchronousCommit ?? null,
    ],
  );
  const row = result.rows[0]!;
  // A user the upsert left alone (its row, still locked, is at or past the batch's last
  // sequence) has nothing fresh: as if its previous sequence were the batch's last.
  const last = new Map(latest);
  for (const u of row.users) last.set(u.user, BigInt(u.previous ?? 0));
  return {
    kept: keepFresh(events, last, log).kept,
    moved: row.users.some((u) => u.moved),
    alongside: row.alongside,
  };
}
