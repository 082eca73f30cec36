import { systemClock, type Clock, type Knex } from '@todo/platform';

export interface Webhook {
  userId: string;
  url: string;
  secret: string;
  createdAt: string;
}

export interface DeliveryAttempt {
  attempt: number;
  attemptedAt: string;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

export interface WebhookDelivery {
  deliveryId: string;
  eventId: string;
  url: string;
  payload: unknown;
  status: 'pending' | 'delivered' | 'failed';
  attempts: DeliveryAttempt[];
  nextAttemptAt: string | null;
  createdAt: string;
  finishedAt: string | null;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** The user's webhook (one per user) and what happened to each delivery. */
export class WebhookStore {
  private readonly knex: Knex;
  private readonly clock: Clock;
  /** `clock` says when a webhook was registered (the app's time, not the database's). */
  constructor(knex: Knex, clock: Clock = systemClock) {
    this.knex = knex;
    this.clock = clock;
  }

  async register(userId: string, url: string, secret: string): Promise<Webhook> {
    const now = this.clock.now();
    const [row] = await this.knex('webhooks')
      .insert({ user_id: userId, url, secret, created_at: now })
      .onConflict('user_id')
      .merge({ url, secret, created_at: now })
      .returning(['user_id', 'url', 'secret', 'created_at']);
    return { userId: row.user_id, url: row.url, secret: row.secret, createdAt: iso(row.created_at)! };
  }

  async get(userId: string, db: Knex | Knex.Transaction = this.knex): Promise<Webhook | null> {
    const row = await db('webhooks').where({ user_id: userId }).first();
    return row
      ? { userId: row.user_id, url: row.url, secret: row.secret, createdAt: iso(row.created_at)! }
      : null;
  }

  async remove(userId: string): Promise<boolean> {
    return (await this.knex('webhooks').where({ user_id: userId }).delete()) > 0;
  }

  async deliveries(userId: string, limit = 50): Promise<WebhookDelivery[]> {
    const rows = await this.knex('webhook_deliveries')
      .where({ user_id: userId })
      .orderBy('created_at', 'desc')
      .limit(limit);
    if (rows.length === 0) return [];
    const attempts = await this.knex('webhook_attempts')
      .whereIn(
        'delivery_id',
        rows.map((r) => r.delivery_id),
      )
      .orderBy(['delivery_id', 'attempt']);
    return rows.map((r) => ({
      deliveryId: r.delivery_id,
      eventId: r.event_id,
      url: r.url,
      payload: r.payload,
      status: r.status,
      nextAttemptAt: iso(r.next_attempt_at),
      createdAt: iso(r.created_at)!,
      finishedAt: iso(r.finished_at),
      attempts: attempts
        .filter((a) => a.delivery_id === r.delivery_id)
        .map((a) => ({
          attempt: a.attempt,
          attemptedAt: iso(a.attempted_at)!,
          statusCode: a.status_code,
          error: a.error,
          durationMs: a.duration_ms,
        })),
    }));
  }
}
