import { describe, expect, it } from '@jest/globals';
import { escapeText, foldLine, serialiseLines } from './content-lines.ts';

const octets = (s: string) => Buffer.byteLength(s);
/** given a content line, when folded, then … */
const givenLine = (line: string) => {
  const physical = foldLine(line).split('\r\n');
  return {
    thenEveryLineFits: () => expect(physical.map(octets).every((n) => n <= 75)).toBe(true),
    thenUnfoldingGivesItBack: () => expect(foldLine(line).replace(/\r\n /g, '')).toBe(line),
    thenThereAre: (n: number) => expect(physical).toHaveLength(n),
  };
};

describe('RFC 5545 content lines', () => {
  it('TEXT escapes backslash, semicolon, comma and line breaks, and drops other controls', () => {
    expect(escapeText('a\\b;c,d\r\ne\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
    expect(escapeText('tab\there\u0000\u0007\u007f')).toBe('tab\there');
  });

  it('a line of 75 octets stays one line; 76 are folded into two', () => {
    givenLine('X'.repeat(75)).thenThereAre(1);
    const long = givenLine('X'.repeat(76));
    long.thenThereAre(2);
    long.thenUnfoldingGivesItBack();
  });

  it('folds at 75 octets counting UTF-8, never inside a character', () => {
    for (const line of [
      `SUMMARY:${'é'.repeat(100)}`,
      `SUMMARY:${'日本'.repeat(60)}`,
      `SUMMARY:${'🗓'.repeat(50)}`,
    ]) {
      const given = givenLine(line);
      given.thenEveryLineFits();
      given.thenUnfoldingGivesItBack();
    }
  });

  it('continuations begin with one space, and every line ends with CRLF', () => {
    const text = serialiseLines(['BEGIN:VCALENDAR', `X:${'y'.repeat(200)}`, 'END:VCALENDAR']);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(
      text
        .split('\r\n')
        .slice(2, 4)
        .every((l) => l.startsWith(' ') && !l.startsWith('  ')),
    ).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });
});
