import { userLock, type Knex } from '@todo/platform';

/** What a firing needs for lock ordering: the job's name and data. */
interface OwnedJob {
  name: string;
  data: Record<string, unknown>;
}

/** The job's owner for lock ordering (`userId` in the job's data), or its name. */
export const jobOwner = (job: OwnedJob): string =>
  typeof job.data?.userId === 'string' ? job.data.userId : job.name;

/** SQLSTATE 40001 from the event store: see append-function.ts. */
export const overtaken = (err: unknown): boolean => (err as { code?: unknown } | null)?.code === '40001';

/**
 * Takes the append locks of every owner of a batch of firings at once, in one global order,
 * before the batch's first write, and returns the batch in that order. Handlers take
 * per-owner locks (the event store locks per user): one order whatever the batch keeps
 * concurrent batches from deadlocking, and taking them all first keeps another transaction
 * of an owner from overtaking this one (the store would refuse the firing).
 */
export async function lockOwners<T>(
  trx: Knex.Transaction,
  items: T[],
  job: (item: T) => OwnedJob,
): Promise<T[]> {
  const sorted = [...items].sort((a, b) => jobOwner(job(a)).localeCompare(jobOwner(job(b))));
  const owners = [...new Set(sorted.map((item) => jobOwner(job(item))))];
  if (owners.length > 0) {
    await trx.raw(`select count(${userLock('o')}) from (select unnest(?::text[]) as o order by 1) owners`, [
      owners,
    ]);
  }
  return sorted;
}
