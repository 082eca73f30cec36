import type { ApiScope } from '@todo/contracts';
import type { Knex } from 'knex';

/** One API token as the lookup table holds it (never the secret; its hash stays in SQL). */
export interface ApiTokenRecord {
  id: string;
  userId: string;
  email: string;
  name: string;
  scopes: ApiScope[];
  hint: string;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

interface Row {
  id: string;
  user_id: string;
  email: string;
  name: string;
  scopes: ApiScope[];
  hint: string;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

const COLUMNS = [
  'id',
  'user_id',
  'email',
  'name',
  'scopes',
  'hint',
  'created_at',
  'expires_at',
  'revoked_at',
  'last_used_at',
] as const;

const toRecord = (row: Row): ApiTokenRecord => ({
  id: row.id,
  userId: row.user_id,
  email: row.email,
  name: row.name,
  scopes: row.scopes,
  hint: row.hint,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  revokedAt: row.revoked_at,
  lastUsedAt: row.last_used_at,
});

/** Last-used times are kept to the minute: at most one write per token and minute. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * The one module that reads and writes `api_tokens`. Writes take the caller's transaction,
 * the one that appends the matching event to the user's tokens stream.
 */
export class ApiTokenTable {
  private readonly knex: Knex;

  constructor(knex: Knex) {
    this.knex = knex;
  }

  async insert(
    trx: Knex.Transaction,
    record: Omit<ApiTokenRecord, 'revokedAt' | 'lastUsedAt'>,
    secretHash: Buffer,
  ) {
    await trx('api_tokens').insert({
      id: record.id,
      user_id: record.userId,
      email: record.email,
      name: record.name,
      scopes: record.scopes,
      hint: record.hint,
      secret_hash: secretHash,
      created_at: record.createdAt,
      expires_at: record.expiresAt,
    });
  }

  async markRevoked(trx: Knex.Transaction, userId: string, id: string, at: Date): Promise<void> {
    await trx('api_tokens').where({ id, user_id: userId }).whereNull('revoked_at').update({ revoked_at: at });
  }

  /** The user's tokens that were not revoked, newest first (expired ones included). */
  async unrevoked(userId: string): Promise<ApiTokenRecord[]> {
    const rows: Row[] = await this.knex('api_tokens')
      .select(COLUMNS)
      .where({ user_id: userId })
      .whereNull('revoked_at')
      .orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id' }]);
    return rows.map(toRecord);
  }

  async byId(userId: string, id: string): Promise<ApiTokenRecord | null> {
    const row: Row | undefined = await this.knex('api_tokens')
      .select(COLUMNS)
      .where({ id, user_id: userId })
      .first();
    return row ? toRecord(row) : null;
  }

  /** Verification: one lookup on the unique index of the hash. */
  async byHash(secretHash: Buffer): Promise<ApiTokenRecord | null> {
    const row: Row | undefined = await this.knex('api_tokens')
      .select(COLUMNS)
      .where({ secret_hash: secretHash })
      .first();
    return row ? toRecord(row) : null;
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.knex('api_tokens')
      .where({ id })
      .andWhere((q) =>
        q
          .whereNull('last_used_at')
          .orWhere('last_used_at', '<', new Date(at.getTime() - LAST_USED_RESOLUTION_MS)),
      )
      .update({ last_used_at: at });
  }
}
