import type { TaskList } from '@todo/contracts';
import type { Account } from '../harness/api.ts';
import { attempt, pause, type Workload } from './workload.ts';

export interface SeriesLedger {
  tag: string;
  account: Account;
  /** Occurrences whose completion the server acknowledged. */
  completed: Set<string>;
  /** Lists that showed more than one open occurrence of the series. */
  sawSeveralOpen: string[];
}

/**
 * Completes the open occurrence of one recurring series, again and again: each completion
 * makes the recurrence saga create the next one, so kills land between a completion and its
 * next occurrence. A completion that got no answer is not retried blindly: the next pass
 * finds whichever occurrence is open by then.
 */
export async function completeSeries(work: Workload, series: SeriesLedger): Promise<void> {
  while (!work.finishing.value) {
    const list = await attempt(work, series.account, (token) =>
      work.api('GET', `/api/tasks?status=open&tag=${series.tag}&limit=200`, { token, timeoutMs: 15_000 }),
    );
    if (list?.status !== 200) {
      if (list) work.unexpected.push(`list ${series.tag}: ${list.status} ${list.text}`);
      continue;
    }
    const open = (list.body as TaskList).items;
    if (open.length > 1) series.sawSeveralOpen.push(open.map((t) => t.id).join(','));
    const task = open[0];
    if (!task) {
      await pause(20); // the saga has not created the next occurrence yet
      continue;
    }
    const answer = await attempt(work, series.account, (token) =>
      work.api('POST', `/api/tasks/${task.id}/complete`, { token, timeoutMs: 15_000 }),
    );
    if (answer?.status === 200) {
      series.completed.add(task.id);
      work.acknowledged.sinceStart++;
    } else if (answer && answer.status !== 409) {
      // 409: already completed by an earlier attempt whose answer was lost.
      work.unexpected.push(`complete ${task.id}: ${answer.status} ${answer.text}`);
    }
  }
}
