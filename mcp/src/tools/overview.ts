import { OverviewInput, type TaskList } from '@todo/contracts';
import { taskLines } from './task-text.ts';
import { defineTool, READ_SCOPE } from './tool.ts';

const PAGE = 200;

/** A count that says when there are more than the page shows. */
const countOf = (list: TaskList): string => `${list.items.length}${list.nextCursor ? '+' : ''}`;

export const overview = defineTool({
  name: 'overview',
  title: 'Overview of the day',
  description:
    "The user's day at a glance: overdue tasks, today's, the upcoming ones (the next `upcomingDays` days after today, 7 by default), and their counts. Days are days of the user's time zone.",
  scope: READ_SCOPE,
  annotations: { readOnlyHint: true },
  input: OverviewInput,
  run: async (api, input) => {
    // One call, three lists: the filter language's `,` answers with groups.
    const filter = `overdue, today, due after: today & next ${input.upcomingDays + 1} days`;
    const answer = await api.list({ filter, limit: PAGE, sort: 'due', order: 'asc' });
    const [overdue, today, upcoming] = 'groups' in answer ? answer.groups : [];
    if (!overdue || !today || !upcoming)
      throw new Error('the API answered fewer lists than the filter asked for');
    const counts = { overdue: countOf(overdue), today: countOf(today), upcoming: countOf(upcoming) };
    const text = [
      `Overdue (${counts.overdue}):\n${taskLines(overdue.items)}`,
      `Today (${counts.today}):\n${taskLines(today.items)}`,
      `Next ${input.upcomingDays} days (${counts.upcoming}):\n${taskLines(upcoming.items)}`,
    ].join('\n\n');
    return {
      text,
      structured: {
        overdue: overdue.items,
        today: today.items,
        upcoming: upcoming.items,
        counts: {
          overdue: overdue.items.length,
          today: today.items.length,
          upcoming: upcoming.items.length,
          more: {
            overdue: Boolean(overdue.nextCursor),
            today: Boolean(today.nextCursor),
            upcoming: Boolean(upcoming.nextCursor),
          },
        },
      },
    };
  },
});
