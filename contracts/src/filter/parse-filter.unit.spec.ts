import { describe, expect, it } from '@jest/globals';
import { FILTER_MAX_DEPTH, FILTER_MAX_GROUPS, FILTER_MAX_LENGTH } from './ast.ts';
import { parseFilter } from './parse-filter.ts';
import { sexprOf, sexprOfQuery } from './testing-sexpr.ts';

function meaning(text: string): string {
  const result = parseFilter(text);
  if (!result.ok) throw new Error(`${text}: ${result.error.message} at ${result.error.position}`);
  return sexprOfQuery(result.query);
}

function refusal(text: string) {
  const result = parseFilter(text);
  if (result.ok) throw new Error(`${text} parsed as ${sexprOfQuery(result.query)}`);
  return result.error;
}

// Filters from Todoist's "Introduction to filters" and its filter examples, and Vikunja's
// filter documentation rewritten into this syntax (Vikunja's `&&`/`||`/comparisons become
// our terms; its priority 5 "DO NOW" is our p1). Each is stated with its meaning.
const EXAMPLES: [string, string][] = [
  ['today', 'today'],
  ['tomorrow', 'tomorrow'],
  ['overdue', 'overdue'],
  ['no date', 'no-date'],
  ['No Due Date', 'no-date'],
  ['!no date', '(not no-date)'],
  ['today | overdue', '(or today overdue)'],
  ['overdue | today', '(or overdue today)'],
  ['(today | overdue) & #Work', '(and (or today overdue) #Work)'],
  ['today & #Work', '(and today #Work)'],
  ['7 days', 'days:7'],
  ['next 7 days', 'days:7'],
  ['7 days & @waiting', '(and days:7 @waiting)'],
  ['14 days & p1', '(and days:14 p:high)'],
  ['30 days', 'days:30'],
  ['1 day', 'days:1'],
  ['p1', 'p:high'],
  ['p2', 'p:medium'],
  ['p3', 'p:low'],
  ['p4', 'p:none'],
  ['P1', 'p:high'],
  ['p1 | p2', '(or p:high p:medium)'],
  ['p1 & #Work', '(and p:high #Work)'],
  ['(p1 | p2) & 14 days', '(and (or p:high p:medium) days:14)'],
  ['today & p1', '(and today p:high)'],
  ['today & p1 | overdue', '(or (and today p:high) overdue)'],
  ['overdue | today & p1', '(or overdue (and today p:high))'],
  ['!p4', '(not p:none)'],
  ['(today | overdue) & !p4', '(and (or today overdue) (not p:none))'],
  ['@email', '@email'],
  ['@Email', '@email'],
  ['!@email', '(not @email)'],
  ['@waiting | @email', '(or @waiting @email)'],
  ['no labels', 'no-labels'],
  ['!no labels', '(not no-labels)'],
  ['#Work', '#Work'],
  ['#Inbox & no due date', '(and #Inbox no-date)'],
  ['!#Work', '(not #Work)'],
  ['7 days & !#Work', '(and days:7 (not #Work))'],
  ['search: Meeting', 'search:"Meeting"'],
  ['search: Meeting & today', '(and search:"Meeting" today)'],
  ['search: Meeting | search: Work', '(or search:"Meeting" search:"Work")'],
  ['search: pay rent', 'search:"pay rent"'],
  ['due before: May 5', 'due-before:"May 5"'],
  ['due after: May 5', 'due-after:"May 5"'],
  ['due before: next friday', 'due-before:"next friday"'],
  ['due after: 2024-01-01', 'due-after:"2024-01-01"'],
  ['due: today', 'due-on:"today"'],
  ['due before: +7 days', 'due-before:"+7 days"'],
  ['created before: -365 days', 'created-before:"-365 days"'],
  ['created after: -7 days', 'created-after:"-7 days"'],
  ['created: yesterday', 'created-on:"yesterday"'],
  ['recurring', 'recurring'],
  ['!recurring', '(not recurring)'],
  ['recurring & p1', '(and recurring p:high)'],
  ['completed', 'completed'],
  ['done', 'completed'],
  ['!done & p1', '(and (not completed) p:high)'],
  ['overdue, today', 'overdue , today'],
  ['today, tomorrow, 7 days', 'today , tomorrow , days:7'],
  ['p1 & overdue, p1 & today', '(and p:high overdue) , (and p:high today)'],
  ['(p1 | p2) & !no date', '(and (or p:high p:medium) (not no-date))'],
  ['!(today | overdue)', '(not (or today overdue))'],
  ['!!today', '(not (not today))'],
  ['  today   &   p1  ', '(and today p:high)'],
  ['today&p1', '(and today p:high)'],
  // Vikunja: done = false && priority >= 3 && dueDate < now+7d
  [
    '!done & (p1 | p2) & due before: +7 days',
    '(and (and (not completed) (or p:high p:medium)) due-before:"+7 days")',
  ],
  // Vikunja: dueDate < now
  ['overdue & !done', '(and overdue (not completed))'],
  // Vikunja: done = true && labels in work, urgent
  ['done & (@work | @urgent)', '(and completed (or @work @urgent))'],
  // Vikunja: dueDate > 2024-01-01 && dueDate < 2024-02-01
  ['due after: 2024-01-01 & due before: 2024-02-01', '(and due-after:"2024-01-01" due-before:"2024-02-01")'],
  // Vikunja: priority = 5 || priority = 4
  ['p1 | p2 | p3', '(or (or p:high p:medium) p:low)'],
];

describe('the filter language: what each filter means', () => {
  it.each(EXAMPLES)('given %j, when parsed, then it means %s', (text, expected) => {
    expect(meaning(text)).toBe(expected);
  });

  it('has a table of at least 60 documented examples', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(60);
  });
});

describe('the filter language: positions', () => {
  it('given terms, when parsed, then each keeps its span in the text for highlighting', () => {
    const result = parseFilter('today & @work');
    if (!result.ok) throw new Error(result.error.message);
    const expr = result.query.groups[0]!.expr;
    if (expr.kind !== 'and') throw new Error(sexprOf(expr));
    expect([expr.left.start, expr.left.end, expr.right.start, expr.right.end]).toEqual([0, 5, 8, 13]);
  });

  it('given several lists, when parsed, then each group has its own text', () => {
    const result = parseFilter('overdue , p1 & today');
    if (!result.ok) throw new Error(result.error.message);
    expect(result.query.groups.map((g) => g.text)).toEqual(['overdue', 'p1 & today']);
  });
});

describe('the filter language: errors name the position and what was expected', () => {
  it.each<[string, number, string]>([
    ['', 0, 'today'],
    ['today &', 7, 'today'],
    ['today & | p1', 8, '('],
    ['(today | overdue', 16, ')'],
    ['today )', 6, '&'],
    ['today & frobnicate', 8, 'p1-p4'],
    ['p5', 0, 'p1-p4'],
    ['search: !!', 8, 'search text'],
    ['due before:', 11, 'a date'],
    ['@', 0, '@label'],
    ['0 days', 0, '1-3650 days'],
    ['today ,', 7, 'today'],
    ['()', 1, 'today'],
  ])('given %j, when parsed, then it is refused at %i expecting %s', (text, position, expected) => {
    const error = refusal(text);
    expect(error.kind).toBe('syntax');
    expect(error.position).toBe(position);
    expect(error.expected).toContain(expected);
  });

  it('given a filter over the length bound, when parsed, then it is refused as too long', () => {
    const error = refusal('p1 | '.repeat(100) + 'p1');
    expect(error.kind).toBe('too_long');
    expect(error.message).toContain(String(FILTER_MAX_LENGTH));
  });

  it('given a filter at the length bound, when parsed, then it is accepted', () => {
    const text = ('p1 | '.repeat(100) + 'p1').slice(0, FILTER_MAX_LENGTH - 2).replace(/[ |]+$/, '');
    expect(parseFilter(text).ok).toBe(true);
  });

  it('given parentheses nested deeper than the bound, when parsed, then it is refused as too deep', () => {
    const deep = '('.repeat(FILTER_MAX_DEPTH + 1) + 'today' + ')'.repeat(FILTER_MAX_DEPTH + 1);
    const error = refusal(deep);
    expect(error.kind).toBe('too_deep');
    expect(error.position).toBe(FILTER_MAX_DEPTH);
  });

  it('given nesting exactly at the bound, when parsed, then it is accepted', () => {
    const text = '!'.repeat(FILTER_MAX_DEPTH) + 'today';
    expect(parseFilter(text).ok).toBe(true);
  });

  it('given more lists than the bound, when parsed, then it is refused', () => {
    const error = refusal(Array.from({ length: FILTER_MAX_GROUPS + 1 }, () => 'today').join(','));
    expect(error.kind).toBe('too_many_groups');
  });
});
