import type { IncomingMessage, ServerResponse } from 'node:http';

/** The most of a refused body that is read and dropped before the connection is ended. */
export const REFUSED_BODY_DISCARD_LIMIT = 8 * 1024 * 1024;

/**
 * The most time a refused request keeps its connection, reading or lingering (nginx's
 * lingering_time is 30 s too). fastify sets no requestTimeout, so nothing else would end a
 * client that trickles the rest of a body it was told is too large.
 */
export const REFUSED_BODY_DEADLINE_MS = 30_000;

/**
 * Reads the rest of a refused request body (413: too large) off the wire and drops it.
 *
 * Answering and closing while the client is still sending makes the client's next segments
 * meet a closed socket: its kernel gets a reset and throws away the answer it has not read
 * yet, so the client sees EPIPE or ECONNRESET instead of the 413, and more often on a busy
 * machine. So the rest is read and dropped, and the connection stays usable, up to
 * REFUSED_BODY_DISCARD_LIMIT; past it the connection is half-closed once the answer is out
 * (the client reads the answer, then the end). Either way the connection is dropped if the
 * body has not ended within REFUSED_BODY_DEADLINE_MS.
 */
export function discardRestOfBody(req: IncomingMessage, res: ServerResponse): void {
  if (req.complete) return;
  const socket = req.socket;
  const deadline = setTimeout(() => socket.destroy(), REFUSED_BODY_DEADLINE_MS).unref();
  socket.once('close', () => clearTimeout(deadline));
  let discarded = 0;
  const onData = (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded <= REFUSED_BODY_DISCARD_LIMIT) return;
    req.off('data', onData);
    if (res.writableFinished) socket.end();
    else res.once('finish', () => socket.end());
  };
  req.on('data', onData);
  req.once('end', () => {
    if (discarded <= REFUSED_BODY_DISCARD_LIMIT) clearTimeout(deadline);
  });
  req.resume();
}
