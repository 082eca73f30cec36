import { RealtimeTicket } from '@todo/contracts';
import { currentUser, type ZodApp } from '@todo/platform';
import type { TicketStore } from './tickets.ts';

/** `POST /api/realtime/ticket`: a single-use, short-lived ticket for `/ws?ticket=…`. */
export function ticketRoute(app: ZodApp, tickets: TicketStore): void {
  app.post(
    '/api/realtime/ticket',
    {
      // Opening a stream only reads: a read-only API token may.
      config: { scope: 'tasks:read' },
      schema: {
        tags: ['realtime'],
        summary: 'A single-use ticket for the WebSocket, valid for 30 seconds',
        response: { 200: RealtimeTicket },
      },
    },
    async (request) => {
      const user = currentUser(request);
      return {
        ticket: await tickets.issue(user.userId, user.tokenValidUntil ?? null),
        expiresInSeconds: tickets.ttlSeconds,
      };
    },
  );
}
