import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';

interface LocalAppends {
  /** The payload of the NOTIFYs this pool's appends send: its own subscribers skip them. */
  token: string;
  wakers: Set<() => void>;
}

const byPool = new WeakMap<Knex, LocalAppends>();

function localAppendsOf(knex: Knex): LocalAppends {
  let local = byPool.get(knex);
  if (!local) {
    local = { token: randomUUID(), wakers: new Set() };
    byPool.set(knex, local);
  }
  return local;
}

/**
 * Subscribers in the process that appends are woken by the append itself, as soon as it has
 * committed, instead of by the NOTIFY that follows it (one round trip to PostgreSQL and back
 * later). The NOTIFY still goes out for other processes; it carries `token`, which the
 * subscribers on the same pool ignore, having been woken already. Keyed by the knex pool:
 * two systems in one process (tests) are two pools, and wake each other through PostgreSQL.
 */
export function onLocalAppend(knex: Knex, wake: () => void): { token: string; remove(): void } {
  const local = localAppendsOf(knex);
  local.wakers.add(wake);
  return { token: local.token, remove: () => local.wakers.delete(wake) };
}

/** An autocommit append on this pool has committed: wake its subscribers; the NOTIFY's payload. */
export function signalLocalAppend(knex: Knex): string {
  const local = localAppendsOf(knex);
  local.wakers.forEach((wake) => wake());
  return local.token;
}
