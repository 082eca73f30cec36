import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fixedClock } from '@todo/platform';
import { createTestDatabase, type TestDatabase } from '@todo/platform/testing';
import { randomUUID } from 'node:crypto';
import { UserRepository } from './user-repository.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

describe('UserRepository.timezoneOf', () => {
  it('remembers a zone for 30 s of the injected clock, then reads it again', async () => {
    // given a user in Paris, whose zone this process has read once
    const clock = fixedClock('2027-03-14T06:59:30Z');
    const users = new UserRepository(db.knex, clock);
    const id = randomUUID();
    await users.insert({ id, email: `${id}@example.com`, passwordHash: 'x', timezone: 'Europe/Paris' });
    expect(await users.timezoneOf(id)).toBe('Europe/Paris');
    // when another process changes it
    await db.knex('users').where({ id }).update({ timezone: 'America/New_York' });
    // then the old zone is served until 30 s have passed on the clock, and the new one after
    clock.advance(29_999);
    expect(await users.timezoneOf(id)).toBe('Europe/Paris');
    clock.advance(1);
    expect(await users.timezoneOf(id)).toBe('America/New_York');
  });
});
