import { describe, expect, it } from '@jest/globals';
import { GroupCommit, type Outcome } from './group-commit.ts';

/** A group commit over a fake writer that records its batches and finishes them on demand. */
function givenAGroupCommit(maxBatch: number, maxInFlight: number) {
  const batches: number[][] = [];
  const finish: (() => void)[] = [];
  const group = new GroupCommit<number, string>({
    maxBatch,
    maxInFlight,
    commit: (requests) => {
      batches.push(requests);
      return new Promise<Outcome<string>[]>((resolve) =>
        finish.push(() =>
          resolve(
            requests.map((r) =>
              r < 0 ? { ok: false, error: new Error(`bad ${r}`) } : { ok: true, value: `done ${r}` },
            ),
          ),
        ),
      );
    },
  });
  return { group, batches, finish };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('GroupCommit', () => {
  it('writes requests of the same turn together at once, without waiting for more', async () => {
    // Given an idle group commit
    const { group, batches, finish } = givenAGroupCommit(10, 1);
    // When two requests arrive in one turn
    const answers = [group.submit(1), group.submit(2)];
    await turn();
    // Then they are one batch, written straight away
    expect(batches).toEqual([[1, 2]]);
    finish[0]!();
    expect(await Promise.all(answers)).toEqual(['done 1', 'done 2']);
  });

  it('queues what arrives while the batches in flight are busy and writes it together next', async () => {
    // Given one batch in flight (of at most one)
    const { group, batches, finish } = givenAGroupCommit(2, 1);
    const answers = [group.submit(1)];
    await turn();
    // When three more arrive, one by one
    for (const n of [2, 3, 4]) {
      answers.push(group.submit(n));
      await turn();
    }
    expect(batches).toEqual([[1]]);
    // Then, as each batch finishes, the queue goes out in batches of at most two
    finish[0]!();
    await turn();
    expect(batches).toEqual([[1], [2, 3]]);
    finish[1]!();
    await turn();
    expect(batches).toEqual([[1], [2, 3], [4]]);
    finish[2]!();
    expect(await Promise.all(answers)).toEqual(['done 1', 'done 2', 'done 3', 'done 4']);
  });

  it('keeps up to maxInFlight batches in flight', async () => {
    // Given room for two batches in flight
    const { group, batches } = givenAGroupCommit(10, 2);
    // When requests arrive in three turns
    void group.submit(1);
    await turn();
    void group.submit(2);
    await turn();
    void group.submit(3);
    await turn();
    // Then the first two went out at once and the third waits
    expect(batches).toEqual([[1], [2]]);
  });

  it('gives each request its own outcome: one failing does not fail the others', async () => {
    // Given a batch with a request the writer refuses
    const { group, finish } = givenAGroupCommit(10, 1);
    const answers = [group.submit(1), group.submit(-1), group.submit(3)].map((p) =>
      p.then(
        (v) => v,
        (e: Error) => e.message,
      ),
    );
    await turn();
    // When the batch finishes
    finish[0]!();
    // Then only that one failed
    expect(await Promise.all(answers)).toEqual(['done 1', 'bad -1', 'done 3']);
  });
});
