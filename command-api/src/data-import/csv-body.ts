import { HttpProblem, type ZodApp } from '@todo/platform';
import { csvText } from './csv-text.ts';

export const CSV_CONTENT_TYPE = 'text/csv';
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]*)"?/i;

/**
 * `text/csv` bodies (a Todoist export) are read as bytes and must be UTF-8: a UTF-16 file
 * or one with bytes that are not UTF-8 is refused with a 415 naming the line, before any
 * of it is read as rows.
 */
export function acceptCsvBodies(app: ZodApp): void {
  app.addContentTypeParser(CSV_CONTENT_TYPE, { parseAs: 'buffer' }, (request, body, done) => {
    const charset = CHARSET.exec(request.headers['content-type'] ?? '')?.[1]?.toLowerCase();
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
      return done(
        new HttpProblem(
          415,
          'unsupported-charset',
          'Unsupported charset',
          `charset=${charset} is not supported: send UTF-8`,
          [{ field: 'Content-Type', message: 'the charset must be utf-8' }],
        ),
        undefined,
      );
    }
    const text = csvText(body as Buffer);
    if (!text.ok) {
      return done(
        new HttpProblem(
          415,
          'unsupported-encoding',
          'The file is not UTF-8',
          `line ${text.line}: ${text.message}`,
          [{ field: 'body', message: `line ${text.line}: ${text.message}` }],
        ),
        undefined,
      );
    }
    done(null, text.text);
  });
}
