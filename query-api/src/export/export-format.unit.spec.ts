import { describe, expect, it } from '@jest/globals';
import { DataExport, EXPORT_CSV_COLUMNS, type TaskView } from '@todo/contracts';
import { csvField, CSV_HEADER, taskCsvRecord } from './export-csv.ts';
import { EXPORT_TAIL, exportHead, exportTask } from './export-json.ts';

const task: TaskView = {
  id: '0f1e2d3c-4b5a-4968-8776-655443322110',
  title: 'Call mum, ask "why"',
  description: 'two\nlines',
  priority: 'high',
  tags: ['home', 'family'],
  dueAt: '2026-12-06T18:00:00.000Z',
  allDay: false,
  timezone: 'Europe/Lisbon',
  recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=SU', anchor: 'schedule' },
  reminders: [
    { id: 'a', minutesBefore: 30 },
    { id: 'b', at: '2026-12-06T17:00:00.000Z' },
  ],
  status: 'open',
  completedAt: null,
  listId: null,
  seriesId: null,
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
  version: 1,
};

describe('the CSV export', () => {
  it('given fields with commas, quotes and line breaks, then they are quoted as RFC 4180 says', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
  });

  it('given a task, then its record has the documented columns, in order, ended by CRLF', () => {
    expect(CSV_HEADER).toBe(EXPORT_CSV_COLUMNS.join(',') + '\r\n');
    expect(taskCsvRecord(task)).toBe(
      '0f1e2d3c-4b5a-4968-8776-655443322110,"Call mum, ask ""why""","two\nlines",open,high,home family,' +
        '2026-12-06T18:00:00.000Z,false,Europe/Lisbon,FREQ=WEEKLY;BYDAY=SU,schedule,' +
        '30min-before 2026-12-06T17:00:00.000Z,,2026-12-01T10:00:00.000Z,2026-12-01T10:00:00.000Z\r\n',
    );
  });
});

describe('the JSON export written piece by piece', () => {
  it('given a head, tasks and the tail, then together they are one document of the versioned format', () => {
    const entry = { task, events: [] };
    const text =
      exportHead({ id: 'u', timezone: 'UTC' }, '2026-12-01T10:00:00.000Z') +
      exportTask(entry, true) +
      exportTask(entry, false) +
      EXPORT_TAIL;
    const parsed = DataExport.parse(JSON.parse(text));
    expect(parsed).toMatchObject({ format: 'todo-system/export', version: 1, account: { id: 'u' } });
    expect(parsed.tasks).toHaveLength(2);
  });

  it('given no tasks, then the document has an empty list', () => {
    const text = exportHead({ id: 'u', timezone: 'UTC' }, '2026-12-01T10:00:00.000Z') + EXPORT_TAIL;
    expect(DataExport.parse(JSON.parse(text)).tasks).toEqual([]);
  });
});
