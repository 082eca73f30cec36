/** Opaque keyset cursor: the sort key and id of the last item of a page. */
export interface ListCursor {
  key: string;
  id: string;
}

/** How the sort key is compared in SQL; a cursor's key must be a valid literal of it. */
export type SortKeyType = 'timestamptz' | 'smallint';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// PostgreSQL's text form of a timestamptz (DateStyle ISO), e.g. 2026-12-01 08:00:00.123+00.
const TIMESTAMPTZ_TEXT =
  /^(\d{4,6})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?[+-](\d{2})(?::(\d{2}))?(?::(\d{2}))?( BC)?$/;

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const daysIn = (year: number, month: number) =>
  month === 2 ? (isLeap(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

/** True when PostgreSQL will read `key` as a timestamptz (its range: 4713 BC to 294276 AD). */
export function isTimestamptzText(key: string): boolean {
  if (key === 'infinity' || key === '-infinity') return true;
  const m = TIMESTAMPTZ_TEXT.exec(key);
  if (!m) return false;
  const [year, month, day, hour, minute, second, offsetH, offsetM, offsetS] = m
    .slice(1, 10)
    .map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const bc = m[10] !== undefined;
  if (year < 1 || (bc ? year > 4713 : year > 294275)) return false;
  const astronomicalYear = bc ? 1 - year : year;
  if (month < 1 || month > 12 || day < 1 || day > daysIn(astronomicalYear, month)) return false;
  return hour <= 23 && minute <= 59 && second <= 59 && offsetH <= 15 && offsetM <= 59 && offsetS <= 59;
}

const isSmallintText = (key: string) => /^-?\d{1,5}$/.test(key) && Math.abs(Number(key)) <= 32767;

export function encodeCursor(cursor: ListCursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id])).toString('base64url');
}

/** The cursor, or null unless it is one this API could have given out for this sort. */
export function decodeCursor(raw: string, keyType: SortKeyType): ListCursor | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 2) return null;
    const [key, id] = parsed;
    if (typeof key !== 'string' || typeof id !== 'string' || key.length > 64) return null;
    if (!UUID.test(id)) return null;
    const keyFits = keyType === 'timestamptz' ? isTimestamptzText(key) : isSmallintText(key);
    return keyFits ? { key, id } : null;
  } catch {
    return null;
  }
}
