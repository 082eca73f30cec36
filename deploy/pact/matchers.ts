import { MatchersV3 } from '@pact-foundation/pact';

/** Matchers shared by the contracts: they pin shapes and formats, never the values. */
export const UUID_EXAMPLE = '6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b';

const ISO_INSTANT = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})$';

/** An ISO 8601 date-time with an offset, as every instant in the system is written. */
export const isoInstant = (example = '2026-03-01T09:00:00.000Z') => MatchersV3.regex(ISO_INSTANT, example);

/** A decimal string that may exceed 2^53 (log positions, user sequences). */
export const decimalString = (example = '42') => MatchersV3.regex('^\\d+$', example);

/** `"<version>"`, the ETag and If-Match form of a task version. */
export const etag = (example = '"1"') => MatchersV3.regex('^"\\d+"$', example);

export const jsonContentType = MatchersV3.regex(
  '^application/json(;.*)?$',
  'application/json; charset=utf-8',
);
export const problemContentType = MatchersV3.regex(
  '^application/problem\\+json(;.*)?$',
  'application/problem+json; charset=utf-8',
);

/** The session token the contracts show; the provider state's own is injected when replayed. */
export const TOKEN_EXAMPLE = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJl';
/** The Authorization header of a signed-in SPA (the auth interceptor's). */
export const auth = {
  Authorization: MatchersV3.fromProviderState('Bearer ${token}', `Bearer ${TOKEN_EXAMPLE}`),
};

/**
 * A task as the REST API shows it (GET /api/tasks/{id}, the lists, every write's answer the
 * MCP tools read): the one shape both consumers, the SPA and the MCP server, rely on.
 */
export const taskView = (overrides: Record<string, unknown> = {}) => ({
  id: MatchersV3.uuid(UUID_EXAMPLE),
  title: MatchersV3.like('Pay rent'),
  description: MatchersV3.like('Transfer to the landlord'),
  priority: MatchersV3.regex('^(none|low|medium|high)$', 'high'),
  tags: MatchersV3.eachLike('home'),
  dueAt: isoInstant('2026-12-01T08:00:00.000Z'),
  allDay: MatchersV3.boolean(false),
  timezone: MatchersV3.like('Europe/Paris'),
  recurrence: {
    rrule: MatchersV3.like('FREQ=MONTHLY;BYMONTHDAY=1'),
    anchor: MatchersV3.regex('^(schedule|completion)$', 'schedule'),
  },
  reminders: MatchersV3.eachLike({ id: MatchersV3.like('r1'), minutesBefore: MatchersV3.integer(30) }),
  status: MatchersV3.regex('^(open|completed)$', 'open'),
  completedAt: MatchersV3.nullValue(),
  seriesId: MatchersV3.like(UUID_EXAMPLE),
  listId: MatchersV3.nullValue(),
  createdAt: isoInstant(),
  updatedAt: isoInstant(),
  version: MatchersV3.integer(1),
  ...overrides,
});
