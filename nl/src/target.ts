/** The words naming an existing task, without the articles and filler around them. */
export function cleanTarget(words: string): string {
  let t = words.trim();
  for (let before = ''; before !== t;) {
    before = t;
    t = t
      .replace(/^["'“‘`]+|["'”’`]+$/g, '')
      .replace(/[.!?,;:]+$/, '')
      .replace(/^(?:the|my|a|an|this|that|our)\s+/i, '')
      .replace(/^(?:task|todo|to-do|item|reminder)(?:\s+(?:called|named|for|about|of))?\s*[:-]?\s+/i, '')
      .replace(/\s+(?:task|todo|to-do|item|reminder)$/i, '')
      .replace(/\s+(?:from|off|on|in)\s+(?:my\s+|the\s+)?(?:list|tasks|to-?do(?:\s+list)?|to-?dos)$/i, '')
      .trim();
  }
  // "snooze it": a pronoun names no task; the chat then means the last one it reminded of.
  return /^(?:it|that|this|them|that one|this one)$/i.test(t) ? '' : t;
}
