/** A small HTTP client for the outside suites: every answer read whole, whatever its status. */
export interface Answer {
  status: number;
  headers: Headers;
  contentType: string;
  text: string;
  /** The parsed JSON body, or undefined when the body is not JSON. */
  body: unknown;
}

export interface RequestOptions {
  token?: string;
  /** Sent as JSON with `content-type: application/json`. */
  json?: unknown;
  /** Sent as is (bytes or text), with whatever content type `headers` gives. */
  raw?: string | Uint8Array;
  headers?: Record<string, string>;
  /** Gives up after this long (a liveness bound, not a speed claim); default 30 s. */
  timeoutMs?: number;
}

export type Requester = (method: string, path: string, options?: RequestOptions) => Promise<Answer>;

/** Requests against whatever `baseUrl()` currently says (the port changes on each restart). */
export function apiOn(baseUrl: () => string): Requester {
  return async (method, path, options = {}) => {
    const headers = new Headers(options.headers);
    if (options.token) headers.set('authorization', `Bearer ${options.token}`);
    let body: string | Buffer | undefined;
    if (options.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(options.json);
    } else if (options.raw !== undefined) {
      body = typeof options.raw === 'string' ? options.raw : Buffer.from(options.raw);
    }
    const res = await fetch(baseUrl() + path, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return {
      status: res.status,
      headers: res.headers,
      contentType: res.headers.get('content-type') ?? '',
      text,
      body: parsed,
    };
  };
}

/**
 * Why a request got no answer, as an Error of the test's own realm: fetch's errors come from
 * Node's realm, where `instanceof Error` in a Jest test is false. Names the cause's code
 * (EPIPE, ECONNRESET…), which fetch's own message ("fetch failed") leaves out.
 */
export function noAnswer(error: unknown): Error {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  const why = cause ? ` (${String(cause.code ?? cause.message)})` : '';
  return new Error(`${(error as { message?: unknown } | null)?.message ?? String(error)}${why}`);
}

/** Throws with the whole answer when the status is not the one expected. */
export function expectStatus(answer: Answer, status: number, what: string): Answer {
  if (answer.status !== status)
    throw new Error(`${what}: expected ${status}, got ${answer.status} ${answer.text}`);
  return answer;
}

export interface Account {
  email: string;
  password: string;
  token: string;
  userId: string;
}

let accounts = 0;

export async function signUp(api: Requester, label: string, timezone?: string): Promise<Account> {
  const email = `${label}-${process.pid}-${++accounts}@example.com`;
  const password = 'correct horse battery';
  const answer = expectStatus(
    await api('POST', '/api/auth/signup', { json: { email, password, ...(timezone ? { timezone } : {}) } }),
    201,
    `sign-up of ${label}`,
  );
  const body = answer.body as { token: string; user: { id: string } };
  return { email, password, token: body.token, userId: body.user.id };
}

const loggingIn = new WeakMap<Account, Promise<void>>();

/**
 * A fresh token for an account (after restarts with a moved clock, the old one may have
 * expired). Writers sharing the account share one log-in.
 */
export function logIn(api: Requester, account: Account): Promise<void> {
  const running = loggingIn.get(account);
  if (running) return running;
  const login = (async () => {
    const answer = expectStatus(
      await api('POST', '/api/auth/login', { json: { email: account.email, password: account.password } }),
      200,
      `log-in of ${account.email}`,
    );
    account.token = (answer.body as { token: string }).token;
  })().finally(() => loggingIn.delete(account));
  loggingIn.set(account, login);
  return login;
}

/** The server's own "now", from the `Date` header of an answer (second resolution). */
export function serverTime(answer: Answer): Date {
  const date = answer.headers.get('date');
  if (!date) throw new Error('the answer has no Date header');
  return new Date(date);
}
