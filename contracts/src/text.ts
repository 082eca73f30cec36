import { z } from 'zod';

/**
 * What may be in any text a user sends (titles, descriptions, tags, chat messages, emails,
 * passwords, URLs, search terms). Refused, with a 400 naming the field:
 * - NUL (U+0000): PostgreSQL's text and jsonb cannot store it;
 * - an unpaired UTF-16 surrogate (U+D800–U+DFFF alone): not a character at all, it has no
 *   UTF-8 form, so PostgreSQL refuses it and any other system would mangle it;
 * - the other C0 and C1 control characters and DEL: invisible, they only garble what
 *   others see. Tab, line feed and carriage return stay.
 * Refusing rather than stripping keeps "what was saved" equal to "what was sent".
 * A paired surrogate (an emoji) is one character and allowed. The control-character
 * pattern is published in the OpenAPI document, so fuzzers and clients see the rule too.
 */
// C0 but tab, LF and CR; DEL; C1. Spelled as ranges, which every JSON Schema tool can use.
// eslint-disable-next-line no-control-regex -- control characters are exactly what it refuses
export const SAFE_TEXT_PATTERN = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]*$/u;

export const SAFE_TEXT_MESSAGE =
  'must not contain NUL, control characters (other than tab and line breaks) or unpaired surrogates';

/**
 * A string that PostgreSQL can store and a reader can see; the base of every user text.
 * Lone surrogates are checked apart: a JSON Schema pattern for them is not portable, and no
 * generator of valid JSON produces them.
 */
// With the `u` flag a pair is one code point outside Cs, so only a lone half matches.
const LONE_SURROGATE = /\p{Cs}/u;
const wellFormed = (text: string) => !LONE_SURROGATE.test(text);

export const SafeText = z
  .string()
  .regex(SAFE_TEXT_PATTERN, SAFE_TEXT_MESSAGE)
  .refine(wellFormed, SAFE_TEXT_MESSAGE);

export const isSafeText = (value: string): boolean => SAFE_TEXT_PATTERN.test(value) && wellFormed(value);

/**
 * Safe text with at least one character that is not white space. Said as a pattern too, so
 * that the published schema refuses what trimming would leave empty.
 */
export const nonBlankText = (emptyMessage: string) => SafeText.regex(/\S/u, emptyMessage).trim();
