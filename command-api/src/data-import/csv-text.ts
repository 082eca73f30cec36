/**
 * The bytes of an uploaded CSV file as text, or why they are not UTF-8. Pure: no I/O.
 * Todoist writes UTF-8 (often with a byte order mark, which is dropped); a file saved again
 * by a spreadsheet as UTF-16 or Latin-1 would otherwise be read as garbage titles.
 */
export type CsvText = { ok: true; text: string } | { ok: false; line: number; message: string };

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const LF = 0x0a;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

export function csvText(bytes: Uint8Array): CsvText {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    return {
      ok: false,
      line: 1,
      message: 'the file is UTF-16 (it starts with a UTF-16 byte order mark): save it as UTF-8',
    };
  }
  const body = startsWith(bytes, UTF8_BOM) ? bytes.subarray(3) : bytes;
  try {
    return { ok: true, text: utf8.decode(body) };
  } catch {
    return { ok: false, line: firstBadLine(body), message: 'the file is not UTF-8: save it as UTF-8' };
  }
}

// A line feed byte never occurs inside a multi-byte UTF-8 sequence, so lines decode alone.
function firstBadLine(bytes: Uint8Array): number {
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== LF) continue;
    try {
      utf8.decode(bytes.subarray(start, i));
    } catch {
      return line;
    }
    line++;
    start = i + 1;
  }
  return line;
}
