import {
  ApiScope,
  toApiTokenEvent,
  type ApiTokenView,
  type CreateApiTokenBody,
  type CreatedApiToken,
} from '@todo/contracts';
import {
  decideApiTokens,
  deterministicUuid,
  evolveApiTokens,
  initialApiTokensState,
  type ApiTokenCommand,
} from '@todo/domain';
import {
  ApiTokenTable,
  ConcurrencyError,
  newApiTokenSecret,
  type ApiTokenRecord,
  type AuthenticatedUser,
  type Clock,
  type EventStore,
  type Ids,
  type Knex,
} from '@todo/platform';

const DAY_MS = 24 * 3600 * 1000;
const SOURCE = '/todo/command-api/api-tokens';
// Two writes to one user's tokens at once are rare; the loser decides again on the new state.
const ATTEMPTS = 5;

/** The stream of one user's tokens: a name-based id, the same in every process. */
export const apiTokensStreamOf = (userId: string): string => deterministicUuid(`api-tokens:${userId}`);

export const toApiTokenView = (record: ApiTokenRecord): ApiTokenView => ({
  id: record.id,
  name: record.name,
  scopes: record.scopes.filter((s) => ApiScope.safeParse(s).success),
  hint: record.hint,
  createdAt: record.createdAt.toISOString(),
  expiresAt: record.expiresAt?.toISOString() ?? null,
  lastUsedAt: record.lastUsedAt?.toISOString() ?? null,
});

export interface ApiTokenServiceDeps {
  knex: Knex;
  store: EventStore;
  ids: Ids;
  clock: Clock;
}

/**
 * Creating and revoking a token: decided on the user's tokens stream (the audit trail) and
 * appended through the event store, with the lookup row written in the same transaction —
 * so verification, which reads only that row, sees a revocation at once.
 */
export class ApiTokenService {
  private readonly deps: ApiTokenServiceDeps;
  private readonly table: ApiTokenTable;

  constructor(deps: ApiTokenServiceDeps) {
    this.deps = deps;
    this.table = new ApiTokenTable(deps.knex);
  }

  async list(userId: string): Promise<ApiTokenView[]> {
    return (await this.table.unrevoked(userId)).map(toApiTokenView);
  }

  async create(
    user: AuthenticatedUser,
    body: CreateApiTokenBody,
    correlationId: string,
  ): Promise<CreatedApiToken> {
    const now = this.deps.clock.now();
    const secret = newApiTokenSecret();
    const record = {
      id: this.deps.ids.next(),
      userId: user.userId,
      email: user.email,
      name: body.name,
      scopes: [...body.scopes],
      hint: secret.hint,
      createdAt: now,
      expiresAt: body.expiresInDays ? new Date(now.getTime() + body.expiresInDays * DAY_MS) : null,
    };
    const command: ApiTokenCommand = {
      type: 'CreateApiToken',
      tokenId: record.id,
      name: record.name,
      scopes: record.scopes,
      createdAt: now.toISOString(),
      expiresAt: record.expiresAt?.toISOString() ?? null,
      hint: record.hint,
    };
    await this.decideAndAppend(user.userId, command, correlationId, (trx) =>
      this.table.insert(trx, record, secret.hash),
    );
    return { ...toApiTokenView({ ...record, revokedAt: null, lastUsedAt: null }), token: secret.token };
  }

  async revoke(userId: string, tokenId: string, correlationId: string): Promise<void> {
    const now = this.deps.clock.now();
    const command: ApiTokenCommand = { type: 'RevokeApiToken', tokenId, revokedAt: now.toISOString() };
    await this.decideAndAppend(userId, command, correlationId, (trx) =>
      this.table.markRevoked(trx, userId, tokenId, now),
    );
  }

  private async decideAndAppend(
    userId: string,
    command: ApiTokenCommand,
    correlationId: string,
    writeRow: (trx: Knex.Transaction) => Promise<void>,
  ): Promise<void> {
    const streamId = apiTokensStreamOf(userId);
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.deps.knex.transaction(async (trx) => {
          const store = this.deps.store.in(trx);
          const stream = await store.readStream(streamId);
          const state = stream.events
            .map(toApiTokenEvent)
            .reduce((s, e) => (e ? evolveApiTokens(s, e) : s), initialApiTokensState);
          const events = decideApiTokens(command, state);
          if (events.length === 0) return;
          await store.append(streamId, stream.version, events, { userId, source: SOURCE, correlationId });
          await writeRow(trx);
        });
        return;
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt >= ATTEMPTS) throw error;
      }
    }
  }
}
