import { badRequest } from './errors.ts';

/** Parses `If-Match: "<version>"` (or W/"<version>"); undefined when absent. */
export function parseIfMatch(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(value ?? '');
  if (!match)
    throw badRequest('If-Match must be a quoted version such as "3"', [
      { field: 'If-Match', message: 'must be a quoted version such as "3"' },
    ]);
  return Number(match[1]);
}

export const etagFor = (version: number) => `"${version}"`;
