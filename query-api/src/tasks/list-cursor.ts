/** Opaque keyset cursor: the sort key and id of the last item of a page. */
export interface ListCursor {
  key: string;
  id: string;
}

export function encodeCursor(cursor: ListCursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id])).toString('base64url');
}

export function decodeCursor(raw: string): ListCursor | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 2) return null;
    const [key, id] = parsed;
    if (typeof key !== 'string' || typeof id !== 'string' || key.length > 64) return null;
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    return { key, id };
  } catch {
    return null;
  }
}
