import { describe, expect, it } from '@jest/globals';
import { findCycles } from './cycles.ts';

const given = (edges: Record<string, string[]>) => ({
  whenSearched: () => findCycles(new Map(Object.entries(edges))),
});

describe('cycles in a dependency graph', () => {
  it('given a diamond (two paths, one direction), finds none', () => {
    expect(given({ a: [], b: ['a'], c: ['a'], d: ['b', 'c'] }).whenSearched()).toEqual([]);
  });

  it('given a package that depends on itself, finds that loop', () => {
    expect(given({ a: ['a'], b: [] }).whenSearched()).toEqual([['a', 'a']]);
  });

  it('given two separate cycles, finds one path for each, shortest and from the first name', () => {
    const cycles = given({ a: ['b'], b: ['c', 'a'], c: ['a'], x: ['y'], y: ['x'] }).whenSearched();
    expect(cycles).toEqual([
      ['a', 'b', 'a'],
      ['x', 'y', 'x'],
    ]);
  });

  it('given a dependency on a package outside the graph, ignores it', () => {
    expect(given({ a: ['zod', 'b'], b: [] }).whenSearched()).toEqual([]);
  });
});
