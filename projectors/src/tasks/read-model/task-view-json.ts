/**
 * A row of `tasks` as the API's `TaskView` in JSON text, written by PostgreSQL: the very
 * text `JSON.stringify` makes of the view that `toTaskView(rowToDoc(row))` gives once the
 * response schema has parsed it (the same fields in the schema's order, no whitespace, the
 * same string escapes, instants in `toISOString`'s form), so that a page leaves Node as the
 * text it came in as. Parsing the rows in Node, checking them against the schema and
 * stringifying them again was a third of a list request's CPU in Node.
 * `task-view-json.int.spec.ts` holds it to that text, field for field.
 */

// `to_json` escapes a string as JSON.stringify does (\" \\ \b \f \n \r \t, other control
// characters as \u00xx, nothing else); `||` with a NULL is NULL, hence the coalesces.
const str = (sql: string) => `to_json(${sql})::text`;
const nullableStr = (sql: string) => `coalesce(to_json(${sql})::text, 'null')`;
// The stored instants as the API's text (see taskColumnsAsText): digits only, no escapes.
const instant = (column: string) =>
  `'"' || to_char(tasks.${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"'`;
const nullableInstant = (column: string) => `coalesce(${instant(column)}, 'null')`;
const nullableUuid = (column: string) => `coalesce('"' || tasks.${column} || '"', 'null')`;

// The response schema's shapes (contracts' RecurrenceView and ReminderView): other keys
// of the stored JSON are left out, as the schema strips them; a reminder is the first of
// the union it matches, `{id, at}` before `{id, minutesBefore}`.
const RECURRENCE = `case jsonb_typeof(tasks.recurrence) when 'object' then
    '{"rrule":' || ${nullableStr(`tasks.recurrence->>'rrule'`)} ||
    ',"anchor":' || ${nullableStr(`tasks.recurrence->>'anchor'`)} || '}'
  else 'null' end`;
const REMINDER = `case jsonb_typeof(reminder.value->'at') when 'string' then
    '{"id":' || ${nullableStr(`reminder.value->>'id'`)} || ',"at":' || to_json(reminder.value->>'at')::text || '}'
  else
    '{"id":' || ${nullableStr(`reminder.value->>'id'`)} ||
    ',"minutesBefore":' || coalesce((reminder.value->'minutesBefore')::text, 'null') || '}'
  end`;
// Most tasks have none: the empty array skips the subquery.
const REMINDERS = `case when tasks.reminders = '[]'::jsonb then '[]' else coalesce(
    (select '[' || string_agg(${REMINDER}, ',' order by reminder.ordinality) || ']'
       from jsonb_array_elements(tasks.reminders) with ordinality as reminder),
    '[]') end`;

/** The fields of contracts' `TaskView`, in its order, each as SQL that yields JSON text. */
const FIELDS: [string, string][] = [
  ['id', `'"' || tasks.id || '"'`],
  ['title', str('tasks.title')],
  ['description', str('tasks.description')],
  ['priority', str('tasks.priority')],
  ['tags', str('tasks.tags')],
  ['dueAt', nullableInstant('due_at')],
  ['allDay', `case when tasks.all_day then 'true' else 'false' end`],
  ['timezone', str('tasks.timezone')],
  ['recurrence', RECURRENCE],
  ['reminders', REMINDERS],
  ['status', str('tasks.status')],
  ['completedAt', nullableInstant('completed_at')],
  ['seriesId', nullableUuid('series_id')],
  ['listId', nullableUuid('list_id')],
  ['createdAt', instant('created_at')],
  ['updatedAt', instant('updated_at')],
  ['version', 'tasks.version::text'],
];

/** SQL text of one row of `tasks` as its `TaskView` JSON (a `text`). */
export const TASK_VIEW_JSON = `('{' || ${FIELDS.map(
  ([name, sql], i) => `'${i === 0 ? '' : ','}"${name}":' || ${sql}`,
).join(' || ')} || '}')`;
