import { describe, expect, it } from '@jest/globals';
import { csvText } from './csv-text.ts';
import { readTodoistCsv } from './todoist-csv.ts';

const HEADER =
  'TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT,AUTHOR,RESPONSIBLE,DATE,DATE_LANG,TIMEZONE,DURATION,DURATION_UNIT,DEADLINE,DEADLINE_LANG\n';

describe('the bytes of a CSV file', () => {
  it('given UTF-8 with a byte order mark, when read, then it is the text without the mark', () => {
    expect(csvText(Buffer.from('\ufeffTYPE,CONTENT\n', 'utf8'))).toEqual({
      ok: true,
      text: 'TYPE,CONTENT\n',
    });
  });

  it('given a UTF-16 file, when read, then it is refused at line 1', () => {
    const bytes = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('TYPE', 'utf16le')]);
    expect(csvText(bytes)).toMatchObject({ ok: false, line: 1, message: expect.stringMatching(/UTF-16/) });
  });

  it('given a Latin-1 byte on line 3, when read, then the refusal names line 3', () => {
    const bytes = Buffer.from('a\nb\ncaf\xe9\nd\n', 'latin1');
    expect(csvText(bytes)).toMatchObject({ ok: false, line: 3, message: expect.stringMatching(/not UTF-8/) });
  });
});

describe("reading Todoist's CSV", () => {
  it('given quoted fields with commas, doubled quotes and line breaks, when read, then each row starts at its own line', () => {
    const csv = readTodoistCsv(
      HEADER +
        'task,"Call mum, ask ""why""",,4,1,,,,,,,,,\ntask,Plan,"two\nlines",1,1,,,,,,,,,\ntask,Next,,1,1,,,,,,,,,\n',
    );
    expect(csv.ok && csv.rows.map((r) => [r.line, r.cells.CONTENT, r.cells.DESCRIPTION])).toEqual([
      [2, 'Call mum, ask "why"', ''],
      [3, 'Plan', 'two\nlines'],
      [5, 'Next', ''],
    ]);
  });

  it('given an older export without the later columns, when read, then the columns it has are read by name', () => {
    const csv = readTodoistCsv('TYPE,CONTENT,PRIORITY,DATE\ntask,Tea,4,tomorrow\n');
    expect(csv.ok && csv.rows[0]!.cells).toEqual({
      TYPE: 'task',
      CONTENT: 'Tea',
      PRIORITY: '4',
      DATE: 'tomorrow',
    });
  });

  it('given a quote never closed, when read, then it is refused with the line', () => {
    expect(readTodoistCsv(HEADER + 'task,Tea,,1,1,,,,,,,,,\ntask,"Tea,,1\n')).toMatchObject({
      ok: false,
      kind: 'syntax',
      line: 3,
      message: 'a quoted field is never closed at line 3',
    });
  });

  it('given text after a closing quote, when read, then it is refused with the line', () => {
    expect(readTodoistCsv(HEADER + 'task,"Tea" time,,1\n')).toMatchObject({
      ok: false,
      kind: 'syntax',
      line: 2,
    });
  });

  it("given a file without Todoist's TYPE and CONTENT, when read, then the header is refused", () => {
    expect(readTodoistCsv('title,due\nTea,tomorrow\n')).toMatchObject({ ok: false, kind: 'header', line: 1 });
    expect(readTodoistCsv('')).toMatchObject({ ok: false, kind: 'header' });
  });

  it('given more rows than an import takes, when read, then it is refused as too many', () => {
    expect(readTodoistCsv(HEADER + 'task,Tea\n'.repeat(5001))).toMatchObject({
      ok: false,
      kind: 'too-many-rows',
    });
    expect(readTodoistCsv(HEADER + 'task,Tea\n'.repeat(5000)).ok).toBe(true);
  });
});
