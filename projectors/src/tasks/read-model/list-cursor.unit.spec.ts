import { describe, expect, it } from '@jest/globals';
import { decodeCursor, encodeCursor, isTimestamptzText } from './list-cursor.ts';

const id = '0b6f3c2e-3f43-4c6a-9f59-3f1c4b7a2d10';
const cursorOf = (key: unknown, taskId: unknown = id) =>
  Buffer.from(JSON.stringify([key, taskId])).toString('base64url');

describe('list cursors', () => {
  it('given a cursor the API gave out, when decoded for the same sort, then its key and id come back', () => {
    for (const key of ['2026-12-01 08:00:00+00', '2026-12-01 08:00:00.123456+05:30', 'infinity']) {
      expect(decodeCursor(encodeCursor({ key, id }), 'timestamptz')).toEqual({ key, id });
    }
    expect(decodeCursor(encodeCursor({ key: '3', id }), 'smallint')).toEqual({ key: '3', id });
  });

  it('given a well-formed cursor whose sort value is not a date, when decoded, then it is refused', () => {
    for (const key of [
      'not a date',
      '2026-02-30 00:00:00+00',
      '2026-13-01 00:00:00+00',
      '2026-12-01 24:00:00+00',
      '3',
    ]) {
      expect([key, decodeCursor(cursorOf(key), 'timestamptz')]).toEqual([key, null]);
    }
    expect(decodeCursor(cursorOf('2024-02-29 00:00:00+00'), 'timestamptz')).not.toBeNull();
  });

  it('given a priority cursor that is not a small integer, or an id that is not a UUID, when decoded, then it is refused', () => {
    expect(decodeCursor(cursorOf('high'), 'smallint')).toBeNull();
    expect(decodeCursor(cursorOf('99999'), 'smallint')).toBeNull();
    expect(decodeCursor(cursorOf('1', '-'.repeat(36)), 'smallint')).toBeNull();
    expect(decodeCursor('not base64 json', 'smallint')).toBeNull();
  });

  it('recognises the range PostgreSQL stores', () => {
    expect(isTimestamptzText('294275-12-31 23:59:59+00')).toBe(true);
    expect(isTimestamptzText('294277-01-01 00:00:00+00')).toBe(false);
    expect(isTimestamptzText('0001-01-01 00:00:00+00 BC')).toBe(true);
    expect(isTimestamptzText('2026-01-01 00:00:00+16')).toBe(false);
  });
});
