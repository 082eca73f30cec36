import { isUtf8 } from 'node:buffer';
import { badRequest, type ZodApp } from '@todo/platform';

export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/**
 * Routes that an HTML page of ours posts a form to, in a scope of their own: only they read
 * form bodies.
 */
export async function withFormBodies(app: ZodApp, routes: (scope: ZodApp) => void): Promise<void> {
  await app.register(async (plugin) => {
    const scope = plugin as ZodApp;
    acceptFormBodies(scope);
    routes(scope);
  });
}

/**
 * An HTML form's body (`a=1&b=2`, UTF-8) as an object of its fields, for the scope of the
 * routes an HTML page posts to (the confirmation page of a mailed link): the routes' zod
 * schema then checks it like a JSON body. A field given twice is refused, not silently one.
 */
function acceptFormBodies(scope: ZodApp): void {
  scope.addContentTypeParser(FORM_CONTENT_TYPE, { parseAs: 'buffer' }, (_request, body, done) => {
    if (!isUtf8(body as Buffer))
      return done(
        badRequest('the body is not valid UTF-8', [{ field: 'body', message: 'must be valid UTF-8' }]),
      );
    const fields = new Map<string, string>();
    for (const [name, value] of new URLSearchParams((body as Buffer).toString('utf8'))) {
      if (fields.has(name))
        return done(badRequest(`${name}: given twice`, [{ field: name, message: 'given twice' }]));
      fields.set(name, value);
    }
    // fromEntries makes every name an own field (`__proto__` too), never the prototype.
    done(null, Object.fromEntries(fields));
  });
}
