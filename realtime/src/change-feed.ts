import type { Knex } from '@todo/platform';
import type { FeedRow } from './feed-row.ts';
import type { FeedReader } from './subscriber.ts';

export interface FeedBounds {
  /** The user's last feed row (0 when none). */
  lastSeq: bigint;
  /** Rows at or below this may have been pruned (0 when nothing was). */
  prunedThrough: bigint;
}

interface RawFeedRow {
  user_seq: string;
  task_id: string;
  kind: FeedRow['kind'];
  task: unknown;
  event_type: string;
  event_data: Record<string, unknown>;
}

const toFeedRow = (r: RawFeedRow): FeedRow => ({
  userSeq: BigInt(r.user_seq),
  taskId: r.task_id,
  kind: r.kind,
  task: r.task,
  eventType: r.event_type,
  eventData: r.event_data ?? {},
});

/** The change feed `task_changes` written by the tasks projection, read per user. */
export class PostgresChangeFeed implements FeedReader {
  private readonly knex: Knex;

  constructor(knex: Knex) {
    this.knex = knex;
  }

  async readAfter(userId: string, afterSeq: bigint, limit: number): Promise<FeedRow[]> {
    const result = await this.knex.raw<{ rows: RawFeedRow[] }>(
      `select user_seq, task_id, kind, task, event_type, event_data from task_changes
       where user_id = ? and user_seq > ? order by user_seq limit ?`,
      [userId, afterSeq.toString(), limit],
    );
    return result.rows.map(toFeedRow);
  }

  /** For each user, up to `limitPerUser` rows after its own `afterSeq`, in one query. */
  async readAfterMany(
    requests: { userId: string; afterSeq: bigint }[],
    limitPerUser: number,
  ): Promise<Map<string, FeedRow[]>> {
    const result = await this.knex.raw<{ rows: (RawFeedRow & { user_id: string })[] }>(
      `select c.user_id, c.user_seq, c.task_id, c.kind, c.task, c.event_type, c.event_data
       from unnest(?::uuid[], ?::bigint[]) as u(user_id, after_seq)
       cross join lateral (
         select * from task_changes t
         where t.user_id = u.user_id and t.user_seq > u.after_seq
         order by t.user_seq limit ?
       ) c
       order by c.user_id, c.user_seq`,
      [requests.map((r) => r.userId), requests.map((r) => r.afterSeq.toString()), limitPerUser],
    );
    const byUser = new Map<string, FeedRow[]>();
    for (const r of result.rows) {
      const list = byUser.get(r.user_id) ?? [];
      list.push(toFeedRow(r));
      byUser.set(r.user_id, list);
    }
    return byUser;
  }

  async bounds(userId: string): Promise<FeedBounds> {
    const result = await this.knex.raw<{ rows: { last: string | null; pruned: string | null }[] }>(
      `select (select max(user_seq) from task_changes where user_id = ?) as last,
              (select pruned_through from task_changes_horizon where user_id = ?) as pruned`,
      [userId, userId],
    );
    const row = result.rows[0]!;
    return { lastSeq: BigInt(row.last ?? 0), prunedThrough: BigInt(row.pruned ?? 0) };
  }

  /** The last feed row of each of these users (users without rows are left out). */
  async lastSeqs(userIds: string[]): Promise<Map<string, bigint>> {
    if (userIds.length === 0) return new Map();
    const result = await this.knex.raw<{ rows: { user_id: string; last: string }[] }>(
      `select u.user_id, (select max(user_seq) from task_changes c where c.user_id = u.user_id) as last
       from unnest(?::uuid[]) as u(user_id)`,
      [userIds],
    );
    return new Map(result.rows.filter((r) => r.last !== null).map((r) => [r.user_id, BigInt(r.last)]));
  }

  /**
   * Deletes up to `batch` rows older than the retention and raises each user's horizon
   * past them, in one statement. Returns how many rows went.
   */
  async pruneOlderThan(retentionSeconds: number, batch: number): Promise<number> {
    const result = await this.knex.raw<{ rows: { n: string }[] }>(
      `with doomed as (
         select user_id, user_seq from task_changes
         where event_time < now() - make_interval(secs => ?)
         order by event_time limit ?
       ), deleted as (
         delete from task_changes t using doomed d
         where t.user_id = d.user_id and t.user_seq = d.user_seq
         returning t.user_id, t.user_seq
       ), horizon as (
         insert into task_changes_horizon (user_id, pruned_through)
         select user_id, max(user_seq) from deleted group by user_id
         on conflict (user_id) do update
           set pruned_through = greatest(task_changes_horizon.pruned_through, excluded.pruned_through)
       )
       select count(*) as n from deleted`,
      [retentionSeconds, batch],
    );
    return Number(result.rows[0]!.n);
  }
}
