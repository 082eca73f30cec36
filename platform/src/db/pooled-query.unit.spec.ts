import { describe, expect, it } from '@jest/globals';
import type { Knex } from 'knex';
import { queryPooled } from './pooled-query.ts';

interface Call {
  config: unknown;
  callback: unknown;
}

/**
 * A pooled pg connection that answers only pg's callback form, as `Client.query(config, cb)`
 * does: the promise form (`query(config)`, no callback) kept the rows of each answer alive
 * past V8's minor GCs, so a call without a callback fails here.
 */
function fakePool(answer: (config: unknown) => { rows: unknown[][] } | Error) {
  const calls: Call[] = [];
  let released = 0;
  const connection = {
    query(config: unknown, callback?: (error: Error | null, result?: { rows: unknown[][] }) => void) {
      calls.push({ config, callback });
      if (typeof callback !== 'function') throw new Error('called without a callback (the promise form)');
      const result = answer(config);
      // pg calls back from the socket's data handler, never within the call.
      setImmediate(() => (result instanceof Error ? callback(result) : callback(null, result)));
    },
  };
  const knex = {
    client: {
      acquireConnection: async () => connection,
      releaseConnection: async (c: unknown) => {
        expect(c).toBe(connection);
        released++;
      },
    },
  } as unknown as Knex;
  return { knex, calls, released: () => released };
}

describe('queryPooled', () => {
  it("runs the statement through pg's callback form, as arrays, and gives its rows", async () => {
    const pool = fakePool(() => ({ rows: [['{"id":1}', 1]] }));
    const rows = await queryPooled(pool.knex, { text: 'select $1', values: ['a'], name: 'page_1' });
    expect(rows).toEqual([['{"id":1}', 1]]);
    expect(pool.calls).toHaveLength(1);
    expect(pool.calls[0]!.config).toEqual({
      text: 'select $1',
      values: ['a'],
      name: 'page_1',
      rowMode: 'array',
    });
    expect(typeof pool.calls[0]!.callback).toBe('function');
    expect(pool.released()).toBe(1);
  });

  it('sends no name for an unnamed statement', async () => {
    const pool = fakePool(() => ({ rows: [] }));
    await queryPooled(pool.knex, { text: 'select 1', values: [] });
    expect(pool.calls[0]!.config).toEqual({ text: 'select 1', values: [], rowMode: 'array' });
  });

  it("rejects with pg's error and releases the connection all the same", async () => {
    const failure = new Error('relation "tasks" does not exist');
    const pool = fakePool(() => failure);
    await expect(queryPooled(pool.knex, { text: 'select 1', values: [] })).rejects.toBe(failure);
    expect(pool.released()).toBe(1);
  });
});
