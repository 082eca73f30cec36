import { IMPORT_MAX_ROWS } from '@todo/contracts';
import { CsvError, parse } from 'csv-parse/sync';

/** The columns of Todoist's CSV export (a template or a project exported from Todoist). */
export const TODOIST_COLUMNS = [
  'TYPE',
  'CONTENT',
  'DESCRIPTION',
  'PRIORITY',
  'INDENT',
  'AUTHOR',
  'RESPONSIBLE',
  'DATE',
  'DATE_LANG',
  'TIMEZONE',
  'DURATION',
  'DURATION_UNIT',
  'DEADLINE',
  'DEADLINE_LANG',
] as const;
export type TodoistColumn = (typeof TODOIST_COLUMNS)[number];

/** One record of the file: `line` is where it starts (the header is line 1). */
export interface TodoistRow {
  line: number;
  cells: Partial<Record<TodoistColumn, string>>;
}

export type TodoistCsv =
  | { ok: true; rows: TodoistRow[] }
  | { ok: false; kind: 'syntax' | 'header' | 'too-many-rows'; line: number; message: string };

// Older exports lack the later columns; these two are what makes a row a Todoist row.
const REQUIRED: TodoistColumn[] = ['TYPE', 'CONTENT'];

/**
 * Reads the text of a Todoist CSV export with csv-parse (RFC 4180: quoted fields may hold
 * commas, quotes doubled, line breaks). Pure and linear in the text. A broken quote is
 * refused with the line csv-parse stopped at, so nothing of a half-read file is imported.
 */
export function readTodoistCsv(text: string): TodoistCsv {
  let records: InfoRecord[];
  try {
    // With `info`, csv-parse gives each record with where it ends; its types do not say so.
    const parsed: unknown[] = parse(text, {
      info: true,
      relax_column_count: true,
      skip_empty_lines: false,
      // One more than allowed, so that "too many" is told apart from "just enough".
      to: IMPORT_MAX_ROWS + 2,
    });
    records = parsed.filter(isInfoRecord);
  } catch (error) {
    if (error instanceof CsvError) {
      const line = typeof error.lines === 'number' ? error.lines : 1;
      return { ok: false, kind: 'syntax', line, message: `${describe(error.code)} at line ${line}` };
    }
    throw error;
  }
  const [head, ...body] = records;
  const header = (head?.record ?? []).map((name) => name.trim().toUpperCase());
  const missing = REQUIRED.filter((name) => !header.includes(name));
  if (missing.length > 0) {
    return {
      ok: false,
      kind: 'header',
      line: 1,
      message: `the first line must be Todoist's header (${TODOIST_COLUMNS.join(',')}); missing ${missing.join(', ')}`,
    };
  }
  if (body.length > IMPORT_MAX_ROWS) {
    return {
      ok: false,
      kind: 'too-many-rows',
      line: body[IMPORT_MAX_ROWS]!.info.lines,
      message: `at most ${IMPORT_MAX_ROWS} rows per import`,
    };
  }
  const index = new Map(header.map((name, i) => [name, i]));
  let previousEnd = head!.info.lines;
  const rows = body.map(({ record, info }) => {
    const cells: TodoistRow['cells'] = {};
    for (const column of TODOIST_COLUMNS) {
      const at = index.get(column);
      const value = at === undefined ? undefined : record[at];
      if (value !== undefined) cells[column] = value;
    }
    const row = { line: previousEnd + 1, cells };
    previousEnd = info.lines;
    return row;
  });
  return { ok: true, rows };
}

interface InfoRecord {
  record: string[];
  info: { lines: number };
}

function isInfoRecord(value: unknown): value is InfoRecord {
  const v = value as Partial<InfoRecord> | null;
  return typeof v === 'object' && v !== null && Array.isArray(v.record) && typeof v.info?.lines === 'number';
}

function describe(code: string): string {
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is never closed';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a closing quote is followed by something other than a comma or a line end';
    case 'INVALID_OPENING_QUOTE':
    case 'CSV_INVALID_OPENING_QUOTE':
      return 'a quote appears inside a field that does not start with one';
    default:
      return `the CSV cannot be read (${code})`;
  }
}
