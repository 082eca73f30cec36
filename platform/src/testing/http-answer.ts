/** One HTTP/1.1 answer read off the front of the bytes received on a connection. */
export interface HttpAnswer {
  status: number;
  /** The status line and header lines, as received (latin1). */
  head: string;
  body: Buffer;
  /** Where the next answer starts in the bytes given. */
  end: number;
}

/**
 * The first whole answer in `received`, framed by Content-Length or chunked encoding (no
 * trailers), or null while it is not all there yet. For clients that drive a connection by
 * hand (the benchmark's load generator, tests that time each byte they send).
 */
export function parseHttpAnswer(received: Buffer): HttpAnswer | null {
  const headEnd = received.indexOf('\r\n\r\n');
  if (headEnd < 0) return null;
  const head = received.toString('latin1', 0, headEnd);
  const status = Number(head.slice(9, 12));
  const bodyStart = headEnd + 4;
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (length) {
    const end = bodyStart + Number(length[1]);
    return received.length < end ? null : { status, head, body: received.subarray(bodyStart, end), end };
  }
  if (!/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
    return { status, head, body: Buffer.alloc(0), end: bodyStart };
  }
  const chunks: Buffer[] = [];
  for (let at = bodyStart; ;) {
    const lineEnd = received.indexOf('\r\n', at);
    if (lineEnd < 0) return null;
    const size = parseInt(received.toString('latin1', at, lineEnd), 16);
    if (received.length < lineEnd + 2 + size + 2) return null;
    if (size === 0) return { status, head, body: Buffer.concat(chunks), end: lineEnd + 4 };
    chunks.push(received.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}
