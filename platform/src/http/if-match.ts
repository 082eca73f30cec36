import { z } from 'zod';
import { badRequest } from './errors.ts';

const IF_MATCH = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/;

/**
 * The `If-Match` header as routes declare it. `parseIfMatch` checks it, so that the problem
 * names the header as clients spell it; the schema publishes the same pattern.
 */
export const IfMatchHeaders = z
  .object({ 'if-match': z.string().meta({ pattern: IF_MATCH.source }).optional() })
  .loose();

/** Parses `If-Match: "<version>"` (or W/"<version>"); undefined when absent. */
export function parseIfMatch(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? header[0] : header;
  const match = IF_MATCH.exec(value ?? '');
  if (!match)
    throw badRequest('If-Match must be a quoted version such as "3"', [
      { field: 'If-Match', message: 'must be a quoted version such as "3"' },
    ]);
  return Number(match[1]);
}

export const etagFor = (version: number) => `"${version}"`;
