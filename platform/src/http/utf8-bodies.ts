import { isUtf8 } from 'node:buffer';
import type { FastifyInstance } from 'fastify';
import { badRequest, HttpProblem } from './errors.ts';

const CHARSET = /;\s*charset\s*=\s*"?([^";\s]*)"?/i;
const UTF8_NAMES = new Set(['utf-8', 'utf8']);

/**
 * JSON and text bodies are read as UTF-8 only: a body with bytes that are not UTF-8 would
 * otherwise be decoded with U+FFFD in their place, and one declared in another charset
 * (UTF-16, Latin-1…) read as if it were UTF-8 — either way not what the client sent.
 */
export function refuseNonUtf8Bodies(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'ignore');
  const readUtf8 = (contentType: string | undefined, body: Buffer): string => {
    const charset = CHARSET.exec(contentType ?? '')?.[1]?.toLowerCase();
    if (charset !== undefined && !UTF8_NAMES.has(charset)) {
      throw new HttpProblem(
        415,
        'unsupported-charset',
        'Unsupported charset',
        `charset=${charset} is not supported: send UTF-8`,
        [{ field: 'Content-Type', message: 'the charset must be utf-8' }],
      );
    }
    if (!isUtf8(body)) {
      throw badRequest('the body is not valid UTF-8', [{ field: 'body', message: 'must be valid UTF-8' }]);
    }
    return body.toString('utf8');
  };

  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = readUtf8(request.headers['content-type'], body as Buffer);
    } catch (error) {
      return done(error as Error, undefined);
    }
    parseJson(request, text, done);
  });
  app.addContentTypeParser('text/plain', { parseAs: 'buffer' }, (request, body, done) => {
    try {
      done(null, readUtf8(request.headers['content-type'], body as Buffer));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}
