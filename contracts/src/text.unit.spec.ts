import { describe, expect, it } from '@jest/globals';
import { ChatBody } from './nl.ts';
import { TaskCreatedData } from './events.ts';
import { CreateTaskBody } from './rest.ts';
import { isSafeText, SafeText } from './text.ts';
import { taskCreatedData } from './testing/fixtures.ts';

describe('safe user text', () => {
  it('given ordinary text, emoji, accents, tabs and line breaks, when checked, then it is accepted', () => {
    for (const text of ['Pay rent', 'café 😀 ✓', 'line one\nline two\r\n\tindented', '', '中文']) {
      expect(isSafeText(text)).toBe(true);
    }
  });

  it('given NUL, a lone surrogate, DEL or another control character, when checked, then it is refused', () => {
    for (const text of [
      'a\u0000b',
      'a\ud800b',
      'a\udc00',
      '\ud83d',
      'a\u0001',
      'a\u001b[31m',
      'a\u007f',
      'a\u0085',
      '\u000b',
    ]) {
      expect(isSafeText(text)).toBe(false);
      expect(SafeText.safeParse(text).success).toBe(false);
    }
  });

  it('given a NUL in a title or a tag, when a create is parsed, then the issue names that field', () => {
    const result = CreateTaskBody.safeParse({ title: 'a\u0000b', tags: ['ok', 'b\ud800'] });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['title', 'tags.1']);
  });

  it('given a blank chat message, when parsed, then it is refused once, as empty', () => {
    const result = ChatBody.safeParse({ message: '   ' });
    expect(result.error?.issues.map((i) => i.message)).toEqual(['message must not be empty']);
  });

  it('given an event written before control characters were refused, when read, then it still loads', () => {
    expect(TaskCreatedData.safeParse(taskCreatedData({ title: 'old\u0001title' })).success).toBe(true);
  });
});
