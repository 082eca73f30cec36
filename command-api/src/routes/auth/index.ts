import { AuthResponse, LoginBody, SignupBody, TimeZone, User } from '@todo/contracts';
import {
  conflict,
  currentUser,
  hashPassword,
  problems,
  unauthorized,
  verifyPassword,
  type ZodApp,
} from '@todo/platform';
import { z } from 'zod';
import type { CommandApiDeps } from '../../deps.ts';
import { EmailTaken, UserRepository } from '../../users/user-repository.ts';

const Me = User.extend({ timezone: z.string() });
const SignupWithZone = SignupBody.extend({ timezone: TimeZone.optional() });

// Verifying against a fixed hash when the email is unknown keeps both answers equally slow.
let dummyHash: Promise<string> | null = null;

export async function authRoutes(app: ZodApp, deps: CommandApiDeps): Promise<void> {
  const users = new UserRepository(deps.knex);
  const issue = async (user: { id: string; email: string }) => {
    const { token, expiresAt } = await deps.tokens.issue({ userId: user.id, email: user.email });
    return { token, expiresAt, user: { id: user.id, email: user.email } };
  };

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
      return reply.code(201).send(await issue(user));
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
      const user = await users.byEmail(email);
      if (!user) {
        dummyHash ??= hashPassword('not-a-real-password');
        await verifyPassword(password, await dummyHash);
        throw unauthorized('wrong email or password');
      }
      if (!(await verifyPassword(password, user.passwordHash))) throw unauthorized('wrong email or password');
      return issue(user);
    },
  );

  app.post(
    '/api/auth/refresh',
    { schema: { tags: ['auth'], response: { 200: AuthResponse } } },
    async (request) => issue({ id: currentUser(request).userId, email: currentUser(request).email }),
  );

  app.get('/api/me', { schema: { tags: ['auth'], response: { 200: Me } } }, async (request) => {
    const me = currentUser(request);
    return { id: me.userId, email: me.email, timezone: await users.timezoneOf(me.userId) };
  });

  app.patch(
    '/api/me',
    { schema: { tags: ['auth'], body: z.strictObject({ timezone: TimeZone }), response: { 200: Me } } },
    async (request) => {
      const me = currentUser(request);
      await users.setTimezone(me.userId, request.body.timezone);
      return { id: me.userId, email: me.email, timezone: request.body.timezone };
    },
  );
}
