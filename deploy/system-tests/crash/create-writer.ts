import { randomUUID } from 'node:crypto';
import type { Account } from '../harness/api.ts';
import { attempt, type Workload } from './workload.ts';

export interface CreateLedger {
  /** Idempotency key → the task id the server acknowledged for it. */
  acknowledged: Map<string, { id: string; title: string; account: Account }>;
  /** Keys whose first attempt got no answer, so they were sent again with the same key. */
  retried: Set<string>;
}

export const CRASH_TAG = 'crash';

/**
 * Creates tasks with an Idempotency-Key until told to finish. A create that got no answer is
 * sent again with the same key and body until one comes (the stored answer, if the first
 * attempt had committed): a client that retries must never get a duplicate.
 */
export async function createWriter(work: Workload, account: Account, ledger: CreateLedger): Promise<void> {
  const owed: { key: string; title: string }[] = [];
  while (!work.finishing.value || owed.length > 0) {
    const next = owed.shift() ?? { key: randomUUID(), title: `crash ${randomUUID()}` };
    const answer = await attempt(work, account, (token) =>
      work.api('POST', '/api/tasks', {
        token,
        json: { title: next.title, tags: [CRASH_TAG] },
        headers: { 'idempotency-key': next.key },
        timeoutMs: 15_000,
      }),
    );
    if (answer?.status === 201) {
      ledger.acknowledged.set(next.key, {
        id: (answer.body as { id: string }).id,
        title: next.title,
        account,
      });
      work.acknowledged.sinceStart++;
      continue;
    }
    if (answer) work.unexpected.push(`create ${next.key}: ${answer.status} ${answer.text}`);
    ledger.retried.add(next.key);
    owed.unshift(next);
  }
}
