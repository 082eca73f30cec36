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
      .trim();
  }
  return t;
}
