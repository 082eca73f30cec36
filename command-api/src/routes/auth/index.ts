import { AuthResponse, LoginBody, Me, SignupBody, TimeZone } from '@todo/contracts';
import {
  conflict,
  currentUser,
  hashPassword,
  InvalidTokenError,
  problems,
  tooManyRequests,
  unauthorized,
  verifyPassword,
  type AuthenticatedUser,
  type SessionSubject,
  type ZodApp,
} from '@todo/platform';
import { z } from 'zod';
import { loginLimitsFromEnv } from '../../auth/login-limits.ts';
import { LoginThrottle } from '../../auth/login-throttle.ts';
import type { CommandApiDeps } from '../../deps.ts';
import { EmailTaken, UserRepository } from '../../users/user-repository.ts';

const SignupWithZone = SignupBody.extend({ timezone: TimeZone.optional() });

/** Who the caller is and what their credential may do (an MCP client hides tools by it). */
const principal = (me: AuthenticatedUser) => ({
  id: me.userId,
  email: me.email,
  scopes: [...me.scopes],
  authenticatedBy: me.authenticatedBy,
});

// Verifying against a fixed hash when the email is unknown keeps both answers equally slow.
let dummyHash: Promise<string> | null = null;

export async function authRoutes(app: ZodApp, deps: CommandApiDeps): Promise<void> {
  const users = new UserRepository(deps.knex, deps.clock);
  const throttle = new LoginThrottle(deps.knex, deps.loginLimits ?? loginLimitsFromEnv(), deps.clock);
  const issue = async (user: SessionSubject) => {
    const { token, expiresAt } = await deps.tokens.issue(user);
    return { token, expiresAt, user: { id: user.userId, email: user.email } };
  };
  const authenticated = (user: { id: string; email: string }): SessionSubject => ({
    userId: user.id,
    email: user.email,
  });

  app.post(
    '/api/auth/signup',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        body: SignupWithZone,
        response: { 201: AuthResponse, ...problems(409, 429) },
      },
    },
    async (request, reply) => {
      const { email, password, timezone } = request.body;
      const user = {
        id: deps.ids.next(),
        email,
        passwordHash: await hashPassword(password),
        timezone: timezone ?? 'UTC',
      };
      try {
        await users.insert(user);
      } catch (error) {
        if (error instanceof EmailTaken)
          throw conflict('an account with this email already exists', 'email-taken');
        throw error;
      }
      return reply.code(201).send(await issue(authenticated(user)));
    },
  );

  app.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: { tags: ['auth'], body: LoginBody, response: { 200: AuthResponse, ...problems(401, 429) } },
    },
    async (request) => {
      const { email, password } = request.body;
      // While an account or address is locked even the right password is refused: were it
      // let through, the 200-or-429 answer would tell a guesser when a guess was right.
      const attempt = await throttle.attempt(email, request.ip);
      if (attempt.refused) {
        throw tooManyRequests(
          `too many wrong passwords for this account or from this address; try again in ${attempt.retryAfterSeconds} s`,
          attempt.retryAfterSeconds,
        );
      }
      const user = await users.byEmail(email);
      if (!user) {
        dummyHash ??= hashPassword('not-a-real-password');
        await verifyPassword(password, await dummyHash);
      }
      if (!user || !(await verifyPassword(password, user.passwordHash))) {
        await attempt.failed();
        throw unauthorized('wrong email or password');
      }
      await attempt.succeeded();
      return issue(authenticated(user));
    },
  );

  app.post(
    '/api/auth/refresh',
    // An API token must not turn itself into a session holding every scope.
    { config: { sessionOnly: true }, schema: { tags: ['auth'], response: { 200: AuthResponse } } },
    // The new token keeps the session's start, so refreshing never outlives SESSION_MAX_SECONDS.
    async (request) => {
      try {
        return await issue(currentUser(request));
      } catch (error) {
        if (error instanceof InvalidTokenError) throw unauthorized(error.message);
        throw error;
      }
    },
  );

  app.get('/api/me', { schema: { tags: ['auth'], response: { 200: Me } } }, async (request) => {
    const me = currentUser(request);
    return { ...principal(me), timezone: await users.timezoneOf(me.userId) };
  });

  app.patch(
    '/api/me',
    {
      // The account's settings are the user's, not an integration's.
      config: { sessionOnly: true },
      schema: { tags: ['auth'], body: z.strictObject({ timezone: TimeZone }), response: { 200: Me } },
    },
    async (request) => {
      const me = currentUser(request);
      await users.setTimezone(me.userId, request.body.timezone);
      return { ...principal(me), timezone: request.body.timezone };
    },
  );
}
