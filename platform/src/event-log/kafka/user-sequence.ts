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
  const advanced = new Map<string, bigint>();
  if (events.length === 0) return { kept: events, advanced };
  const users = [...new Set(events.map((e) => e.userid))];
  const rows: Array<{ user_id: string; last_seq: string }> = await trx('kafka_consumer_user_seqs')
    .where({ consumer })
    .whereIn('user_id', users)
    .forUpdate()
    .select('user_id', 'last_seq');
  const last = new Map(rows.map((r) => [r.user_id, BigInt(r.last_seq)]));
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

/** `filterRepeats` and the save in one go, for a consumer with no position of its own. */
export async function dropRepeats(
  trx: Knex.Transaction,
  consumer: string,
  events: AnyEnvelope[],
  log: Logger,
): Promise<AnyEnvelope[]> {
  const { kept, advanced } = await filterRepeats(trx, consumer, events, log);
  if (advanced.size > 0) {
    const save = saveUserSeqsSql(consumer, advanced);
    await trx.raw(save.sql, save.bindings);
  }
  return kept;
}
