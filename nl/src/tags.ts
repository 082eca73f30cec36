import { TAG_MAX, TAGS_MAX } from '@todo/contracts';
import { consume, type Scanner } from './scanner.ts';

// `@label`, as in Todoist (`#` names a list since lists came: see lists.ts). Only after a
// space, bracket or comma, so that an address (bob@example.com) is not a label.
const TAG = /(?<=^|[\s(,])@([\p{L}\p{N}_\-/.&+]+)/gu;

/** "@home", "@work-stuff"; labels end at a space, comma, # or @, and lose trailing punctuation. */
export function readTags(s: Scanner, from: number, to: number): string[] {
  const tags: string[] = [];
  TAG.lastIndex = from;
  for (let m = TAG.exec(s.text); m && m.index < to; m = TAG.exec(s.text)) {
    const name = m[1]!.replace(/[.,;:!?]+$/, '').toLowerCase();
    // "@123" is not a label (a time, a count).
    if (!name || name.length > TAG_MAX || !/\p{L}/u.test(name)) continue;
    consume(s, 'tags', m.index, m.index + 1 + m[1]!.replace(/[.,;:!?]+$/, '').length);
    if (!tags.includes(name) && tags.length < TAGS_MAX) tags.push(name);
  }
  return tags;
}
