import { WriteResult } from '@todo/contracts';
import { etagFor, problems, type EventStore, type Knex } from '@todo/platform';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { onceFor } from './idempotency.ts';

/** The headers of a create: an optional Idempotency-Key. */
export const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().optional() }).loose();

/** What a create answers: 201 with the new id and version, or a state (409) or rule (422) refusing it. */
export const createdResponses = { 201: WriteResult, ...problems(409, 422) };

/** The new resource's id and first version, as the write that created it returns them. */
export interface Written {
  id: string;
  version: number;
}

/**
 * Answers a create (a task, a list, a saved view): 201 with the new id, version and ETag.
 * `write` appends the creating command to the store it is given. With an Idempotency-Key it
 * runs once per key, on the store inside the key's transaction, and a repeat gets the first
 * answer again; without one it simply runs on the store.
 */
export async function sendCreated(
  reply: FastifyReply,
  deps: { knex: Knex; store: EventStore },
  userId: string,
  request: { headers: { 'idempotency-key'?: string | undefined }; body: unknown },
  write: (store: EventStore) => Promise<Written>,
): Promise<FastifyReply> {
  const create = async (transaction?: Knex.Transaction) => {
    const { id, version } = await write(transaction ? deps.store.in(transaction) : deps.store);
    return { status: 201, body: { id, version } };
  };
  const key = request.headers['idempotency-key'];
  const response = key ? await onceFor(deps.knex, userId, key, request.body, create) : await create();
  const written = response.body as Written;
  return reply
    .code(response.status as 201)
    .header('etag', etagFor(written.version))
    .send(written);
}
