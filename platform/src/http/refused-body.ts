import type { IncomingMessage, ServerResponse } from 'node:http';

/** The most of a refused body that is read and dropped before the connection is ended. */
export const REFUSED_BODY_DISCARD_LIMIT = 8 * 1024 * 1024;

/** How long an ended connection stays open for the client to read the refusal before it is dropped. */
const LINGER_MS = 2000;

/**
 * Reads the rest of a refused request body (413: too large) off the wire and drops it.
 *
 * Answering and closing while the client is still sending makes the client's next segments
 * meet a closed socket: its kernel gets a reset and throws away the answer it has not read
 * yet, so the client sees EPIPE or ECONNRESET instead of the 413, and more often on a busy
 * machine. So the rest is read and dropped, and the connection stays usable, up to
 * REFUSED_BODY_DISCARD_LIMIT; past it the connection is half-closed once the answer is out
 * (nothing more is answered on it) and dropped after a short linger, as nginx's
 * lingering_close does. A sender slower than that is bounded by the server's requestTimeout.
 */
export function discardRestOfBody(req: IncomingMessage, res: ServerResponse): void {
  if (req.complete) return;
  let discarded = 0;
  const endConnection = () => {
    req.socket.end();
    setTimeout(() => req.socket.destroy(), LINGER_MS).unref();
  };
  const onData = (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded <= REFUSED_BODY_DISCARD_LIMIT) return;
    req.off('data', onData);
    if (res.writableFinished) endConnection();
    else res.once('finish', endConnection);
  };
  req.on('data', onData);
  req.resume();
}
