import type { AnyEnvelope } from '@todo/contracts';
import type { Knex } from 'knex';
import type { Logger } from 'pino';

/**
 * Keeps only events past the consumer's last applied sequence of their user, and records
 * the new last sequence. A user's events are dense (1, 2, 3 …): a jump means one was never
 * delivered, which is logged loudly (it would be a bug upstream), then applied anyway.
 */
export async function dropRepeats(
  trx: Knex.Transaction,
  consumer: string,
  events: AnyEnvelope[],
  log: Logger,
): Promise<AnyEnvelope[]> {
  if (events.length === 0) return events;
  const users = [...new Set(events.map((e) => e.userid))];
  const rows: Array<{ user_id: string; last_seq: string }> = await trx('kafka_consumer_user_seqs')
    .where({ consumer })
    .whereIn('user_id', users)
    .forUpdate()
    .select('user_id', 'last_seq');
  const last = new Map(rows.map((r) => [r.user_id, BigInt(r.last_seq)]));
  const changed = new Set<string>();
  const kept: AnyEnvelope[] = [];
  for (const event of events) {
    const previous = last.get(event.userid) ?? 0n;
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
    last.set(event.userid, seq);
    changed.add(event.userid);
    kept.push(event);
  }
  if (changed.size > 0) {
    await trx.raw(
      `insert into kafka_consumer_user_seqs (consumer, user_id, last_seq)
       select ?, u.user_id, u.last_seq from unnest(?::text[], ?::bigint[]) as u(user_id, last_seq)
       on conflict (consumer, user_id) do update set last_seq = excluded.last_seq`,
      [consumer, [...changed], [...changed].map((u) => String(last.get(u)))],
    );
  }
  return kept;
}
