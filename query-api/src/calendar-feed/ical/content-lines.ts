/**
 * RFC 5545 content lines: TEXT escaping (3.3.11), folding at 75 octets (3.1) and CRLF
 * line ends. Pure; folding counts UTF-8 octets and never splits a character, since a
 * calendar app decodes each physical line on its own.
 */
export const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** A TEXT value: backslash, semicolon, comma and line breaks escaped; other controls dropped. */
export function escapeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .split('')
    .filter(isTextChar)
    .join('')
    .replace(/\n/g, '\\n');
}

/** TEXT takes tabs and line breaks (escaped) but no other control character. */
function isTextChar(char: string): boolean {
  const code = char.charCodeAt(0);
  return code === 0x09 || code === 0x0a || (code >= 0x20 && code !== 0x7f);
}

const encoder = new TextEncoder();
const octets = (s: string) => encoder.encode(s).length;

/** One content line, folded: each physical line at most 75 octets, continuations begin with a space. */
export function foldLine(line: string): string {
  if (octets(line) <= MAX_OCTETS) return line;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  let limit = MAX_OCTETS;
  for (const char of line) {
    const n = octets(char);
    if (size + n > limit) {
      parts.push(current);
      current = '';
      size = 0;
      limit = MAX_OCTETS - 1; // the leading space of a continuation is an octet of the line
    }
    current += char;
    size += n;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

/** `NAME;PARAM=…:value` lines, folded and joined with CRLF, ending with CRLF. */
export function serialiseLines(lines: readonly string[]): string {
  return lines.map((line) => foldLine(line) + CRLF).join('');
}
