import { TITLE_MAX } from '@todo/contracts';

const LEADING =
  /^(?:(?:to|and|then|on|at|by|due|for|from|starting|with|every|-|–|:|,|;)\s+|[-–:,;]\s*|i\s+(?:really\s+)?(?:need|have|want|must|should|gotta|ought)\s+(?:to\s+)?|i'd\s+like\s+to\s+|(?:need|have)\s+to\s+)/i;
const TRAILING =
  /(?:\s+(?:on|at|by|due|for|from|starting|with|and|every|in|to|until|the|-|–)|\s*[-–:,;]|\s+[?!.]+|\s+(?:to|on|onto|in)\s+(?:my|the)\s+(?:to-?do\s+)?(?:list|tasks|to-?dos))$/i;
const QUOTED = /^(["'“‘])(.*)(["'”’])$/;

/** What is left once the understood phrases are gone, minus the words that tied them in. */
export function cleanTitle(rest: string): string {
  let title = rest.trim();
  for (let before = ''; before !== title;) {
    before = title;
    title = title.replace(LEADING, '').replace(TRAILING, '').trim().replace(QUOTED, '$2');
  }
  return title.slice(0, TITLE_MAX);
}
