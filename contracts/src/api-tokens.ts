import { z } from 'zod';
import { Instant } from './task-fields.ts';
import { nonBlankText } from './text.ts';

/**
 * Personal API tokens: what a token may do, the events of a user's tokens stream and the
 * REST bodies of `/api/tokens`. A password session holds every scope; an API token holds
 * the scopes it was created with.
 */
export const API_SCOPES = ['tasks:read', 'tasks:write'] as const;
export const ApiScope = z.enum(API_SCOPES);
export type ApiScope = z.infer<typeof ApiScope>;

/** How the caller of a request proved who they are. */
export const AUTH_METHODS = ['session', 'api-token'] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];

/** Every API token starts with this, so secret scanners (and people) recognise one. */
export const API_TOKEN_PREFIX = 'todo_pat_';
/** The prefix and 43 base64url characters (256 random bits). */
export const API_TOKEN_PATTERN = /^todo_pat_[A-Za-z0-9_-]{43}$/;
/** A user holds at most this many live (unrevoked) tokens. */
export const API_TOKENS_MAX_PER_USER = 50;
export const API_TOKEN_EXPIRY_DAYS_MAX = 365;

export const API_TOKEN_CREATED = 'todo.api-token.created.v1';
export const API_TOKEN_REVOKED = 'todo.api-token.revoked.v1';

const ApiTokenName = nonBlankText('must not be blank').pipe(z.string().max(100, 'at most 100 characters'));
const Scopes = z
  .array(ApiScope)
  .min(1, 'give at least one scope')
  .max(API_SCOPES.length)
  .refine((scopes) => new Set(scopes).size === scopes.length, 'each scope at most once');

/**
 * The secret itself is never in an event (nor its hash: the log goes to Kafka, webhooks and
 * exports); `hint` is the start of the token, for the user to recognise it in lists.
 */
export const ApiTokenCreatedData = z.strictObject({
  tokenId: z.uuid(),
  name: z.string(),
  scopes: z.array(ApiScope),
  expiresAt: Instant.nullable(),
  hint: z.string(),
});
export type ApiTokenCreatedData = z.infer<typeof ApiTokenCreatedData>;
export const ApiTokenRevokedData = z.strictObject({ tokenId: z.uuid(), revokedAt: Instant });
export type ApiTokenRevokedData = z.infer<typeof ApiTokenRevokedData>;

export const ApiTokenEvent = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal(API_TOKEN_CREATED), data: ApiTokenCreatedData }),
  z.strictObject({ type: z.literal(API_TOKEN_REVOKED), data: ApiTokenRevokedData }),
]);
export type ApiTokenEvent = z.infer<typeof ApiTokenEvent>;

export const CreateApiTokenBody = z.strictObject({
  name: ApiTokenName,
  scopes: Scopes,
  /** Omitted or null: the token never expires (until revoked). */
  expiresInDays: z.int().min(1).max(API_TOKEN_EXPIRY_DAYS_MAX).nullable().optional(),
});
export type CreateApiTokenBody = z.infer<typeof CreateApiTokenBody>;

export const ApiTokenView = z.object({
  id: z.uuid(),
  name: z.string(),
  scopes: z.array(ApiScope),
  hint: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export type ApiTokenView = z.infer<typeof ApiTokenView>;
export const ApiTokenList = z.object({ items: z.array(ApiTokenView) });
export type ApiTokenList = z.infer<typeof ApiTokenList>;
/** The answer to a create: the only time the secret is ever shown. */
export const CreatedApiToken = ApiTokenView.extend({ token: z.string() });
export type CreatedApiToken = z.infer<typeof CreatedApiToken>;
export const ApiTokenIdParams = z.strictObject({ id: z.uuid({ message: 'must be a token id (a UUID)' }) });

/** The token event an envelope holds, or null when it is not one (or its data is not valid). */
export function toApiTokenEvent(envelope: { type: string; data: unknown }): ApiTokenEvent | null {
  const parsed = ApiTokenEvent.safeParse({ type: envelope.type, data: envelope.data });
  return parsed.success ? parsed.data : null;
}
