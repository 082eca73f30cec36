import { randomUUID } from 'node:crypto';

/** Identity is passed in, never minted inside pure code. */
export interface Ids {
  next(): string;
}

export const randomIds: Ids = { next: () => randomUUID() };
