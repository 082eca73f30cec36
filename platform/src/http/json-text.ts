import type { FastifyReply } from 'fastify';

/**
 * Sends a body that is already the JSON of the route's response (PostgreSQL wrote it): fastify
 * passes a string with a JSON content type through as it is, so the route's response schema
 * (still its OpenAPI document) does not parse it again and JSON.stringify does not run.
 * The caller answers for the text matching that schema.
 */
export function sendJsonText(reply: FastifyReply, json: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(json);
}
