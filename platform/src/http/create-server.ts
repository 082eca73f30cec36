import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type RawServerDefault,
} from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { BearerCredentials } from '../auth/api-tokens/bearer-verifier.ts';
import type { ApiTokenVerifier } from '../auth/api-tokens/api-token-verifier.ts';
import type { TokenService } from '../auth/tokens.ts';
import { accessRefusal, type RouteAccess } from './access.ts';
import { AllowedMethods } from './allowed-methods.ts';
import { authenticate } from './authenticate.ts';
import { installDrainHooks } from './drain.ts';
import { installProblemHandler } from './problem-handler.ts';
import { documentStandardProblems } from './problem-responses.ts';
import { refuseNonUtf8Bodies } from './utf8-bodies.ts';

declare module 'fastify' {
  interface FastifyContextConfig extends RouteAccess {
    /** Routes that need no token: auth, health, docs. */
    public?: boolean;
  }
}

export type ZodApp = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface ServerOptions {
  logger: Logger;
  tokens: TokenService;
  /** Personal API tokens (`todo_pat_…`), accepted wherever a session is; null refuses them. */
  apiTokens: ApiTokenVerifier | null;
  title: string;
  /** Only /api/* routes are authenticated; the SPA's files and health checks are public. */
  bodyLimit?: number;
  /** The SPA's index.html, served for unknown non-API GETs (client-side routes). */
  spaIndexHtml?: string;
  /** Which peers' X-Forwarded-For to believe (TRUST_PROXY when not given). */
  trustProxy?: boolean | string;
}

/**
 * TRUST_PROXY: unset or "false" — the peer is the client (the standalone system); otherwise
 * the proxies whose X-Forwarded-For is believed, as a comma list of addresses, CIDRs or
 * proxy-addr's names (`loopback`, `uniquelocal`). Per-address limits count `request.ip`.
 */
export function trustProxyFromEnv(raw = process.env.TRUST_PROXY): boolean | string {
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (/^\d+$/.test(raw)) {
    throw new Error(`TRUST_PROXY takes proxy addresses or CIDRs, not a hop count ("${raw}")`);
  }
  return raw;
}

/**
 * A fastify instance set up the same way for every service: zod validation and
 * serialisation, one problem+json error handler, bearer auth on /api/*, OpenAPI 3.1.
 */
export async function createServer(options: ServerOptions): Promise<ZodApp> {
  const trustProxy = options.trustProxy ?? trustProxyFromEnv();
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    bodyLimit: options.bodyLimit ?? 256 * 1024,
    // Per-request lines would dominate the logs and the benchmark; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    // Requests during a shutdown are answered by the drain hooks (problem+json), not fastify.
    return503OnClosing: false,
    routerOptions: { ignoreTrailingSlash: true },
    trustProxy,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  refuseNonUtf8Bodies(app);
  const allowedMethods = new AllowedMethods();
  app.addHook('onRoute', (route) => {
    allowedMethods.add(route.method, route.url);
    documentStandardProblems(route);
  });
  installProblemHandler(app, {
    allowedMethods,
    ...(options.spaIndexHtml ? { spaIndexHtml: options.spaIndexHtml } : {}),
  });
  installDrainHooks(app);
  app.decorateRequest('user', null);
  const credentials = new BearerCredentials(options.tokens, options.apiTokens);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/docs')) return;
    if (request.routeOptions.config?.public) return;
    if (!request.routeOptions.url) return; // unknown route: the 404 handler answers
    const user = await authenticate(request, credentials);
    // Scopes are enforced here, once for every route: reads need tasks:read, writes tasks:write.
    const refusal = accessRefusal(user, request.method, request.routeOptions.config);
    if (refusal) throw refusal;
    request.user = user;
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: options.title, version: '1.0.0' },
      components: {
        securitySchemes: {
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            description:
              'A session JWT (POST /api/auth/login) or a personal API token (todo_pat_…, POST /api/tokens)',
          },
        },
      },
      security: [{ bearerAuth: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { deepLinking: true } });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  return app;
}
