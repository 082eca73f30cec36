import { createHash } from 'node:crypto';

// A page that may run on a generic plan runs as a named prepared statement, named after its
// text (of which there are few: one per sort, order, limit, list or not, cursor or not,
// progress or not), so that each pooled connection plans it once instead of on every
// request: planning cost more than running the page. The names are remembered rather than
// hashed on every request.
const names = new Map<string, string>();
const NAMES_KEPT = 1000;

/** The prepared statement name of a page's SQL text. */
export function statementName(text: string): string {
  const known = names.get(text);
  if (known) return known;
  const name = `tasks_page_${createHash('sha1').update(text).digest('base64url')}`;
  if (names.size < NAMES_KEPT) names.set(text, name);
  return name;
}
