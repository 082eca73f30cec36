import { describe, expect, it } from '@jest/globals';
import { deterministicUuid } from './deterministic-id.ts';

describe('deterministic ids', () => {
  it('gives the same RFC 9562 version-5 UUID for the same name, and another for another name', () => {
    const a = deterministicUuid('recurrence:next-of:task-1');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(deterministicUuid('recurrence:next-of:task-1')).toBe(a);
    expect(deterministicUuid('recurrence:next-of:task-2')).not.toBe(a);
  });
});
