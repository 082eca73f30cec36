import { etagFor, type Knex } from '@todo/platform';
import type { FastifyReply } from 'fastify';
import { onceFor, type StoredResponse } from './idempotency.ts';

/**
 * Answers a create (a task, a list, a saved view): 201 with the new id, version and ETag.
 * With an Idempotency-Key it runs once per key, in the key's transaction, and a repeat gets
 * the first answer again; without one it simply runs.
 */
export async function sendCreated(
  reply: FastifyReply,
  knex: Knex,
  userId: string,
  request: { headers: { 'idempotency-key'?: string | undefined }; body: unknown },
  create: (transaction?: Knex.Transaction) => Promise<StoredResponse>,
): Promise<FastifyReply> {
  const key = request.headers['idempotency-key'];
  const response = key ? await onceFor(knex, userId, key, request.body, create) : await create();
  const written = response.body as { id: string; version: number };
  return reply
    .code(response.status as 201)
    .header('etag', etagFor(written.version))
    .send(written);
}
