import { AuditPage, AuditQuery } from '@todo/contracts';
import { currentUser, type Knex, type ZodApp } from '@todo/platform';
import { auditTrail } from '../../tasks/history.ts';

export async function auditRoutes(app: ZodApp, deps: { knex: Knex }): Promise<void> {
  app.get(
    '/api/audit',
    { schema: { tags: ['audit'], querystring: AuditQuery, response: { 200: AuditPage } } },
    async (request) =>
      auditTrail(deps.knex, currentUser(request).userId, request.query.limit, request.query.cursor),
  );
}
