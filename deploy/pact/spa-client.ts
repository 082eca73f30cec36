import type {
  ApiTokenList,
  AuthResponse,
  ChatBody,
  ChatConversation,
  ChatMessage,
  ChatResponse,
  CreateApiTokenBody,
  CreatedApiToken,
  CreateListBody,
  CreateTaskBody,
  CreateViewBody,
  HistoryEntry,
  ListList,
  LoginBody,
  NlParseBody,
  ParseResult,
  PatchTaskBody,
  SavedViewList,
  Problem,
  SignupBody,
  TaskList,
  TaskView,
  WriteResult,
} from '@todo/contracts';

/**
 * The requests of the SPA's typed clients (web-angular/src/app/core/api/*.ts), replayed
 * with fetch. The Angular classes need Angular's DI and HttpClient (and its JIT compiler)
 * to run, which Node under Jest does not give cheaply, so their requests are restated here
 * faithfully: the same paths, methods, headers (Authorization from the auth interceptor,
 * Idempotency-Key on create, If-Match on a versioned update) and bodies. Keep them in step.
 */
export class HttpError extends Error {
  readonly status: number;
  readonly body: unknown;
  constructor(status: number, body: unknown) {
    super(`HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

/** What the SPA's toUiError takes from a problem: one message per named field. */
export function problemFields(error: unknown): Record<string, string> {
  if (!(error instanceof HttpError)) throw error;
  const problem = error.body as Problem;
  const fields: Record<string, string> = {};
  for (const e of problem.errors ?? []) fields[e.field] ??= e.message;
  return fields;
}

export class SpaClient {
  private readonly baseUrl: string;
  private readonly token: string | undefined;
  constructor(baseUrl: string, token?: string) {
    this.baseUrl = baseUrl;
    this.token = token;
  }

  // AuthApi
  signup = (body: SignupBody) => this.send<AuthResponse>('POST', '/api/auth/signup', body);
  login = (body: LoginBody) => this.send<AuthResponse>('POST', '/api/auth/login', body);

  // TasksApi
  list = (query: Record<string, string | number | undefined>) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params.set(key, String(value));
    }
    return this.send<TaskList>('GET', `/api/tasks?${params}`);
  };
  get = (id: string) => this.send<TaskView>('GET', `/api/tasks/${encodeURIComponent(id)}`);
  history = (id: string) =>
    this.send<{ items: HistoryEntry[] }>('GET', `/api/tasks/${encodeURIComponent(id)}/history`).then(
      (h) => h.items,
    );
  create = (body: CreateTaskBody, idempotencyKey: string) =>
    this.send<WriteResult>('POST', '/api/tasks', body, { 'Idempotency-Key': idempotencyKey });
  update = (id: string, body: PatchTaskBody, expectedVersion?: number) =>
    this.send<WriteResult>(
      'PATCH',
      `/api/tasks/${encodeURIComponent(id)}`,
      body,
      expectedVersion === undefined ? {} : { 'If-Match': `"${expectedVersion}"` },
    );
  complete = (id: string) =>
    this.send<WriteResult>('POST', `/api/tasks/${encodeURIComponent(id)}/complete`, {});
  reopen = (id: string) => this.send<WriteResult>('POST', `/api/tasks/${encodeURIComponent(id)}/reopen`, {});
  delete = (id: string) => this.send<void>('DELETE', `/api/tasks/${encodeURIComponent(id)}`);
  snooze = (taskId: string, reminderId: string, minutes: number) =>
    this.send<unknown>(
      'POST',
      `/api/tasks/${encodeURIComponent(taskId)}/reminders/${encodeURIComponent(reminderId)}/snooze`,
      { minutes },
    );

  // ViewsApi
  views = () => this.send<SavedViewList>('GET', '/api/views');
  saveView = (body: CreateViewBody, idempotencyKey: string) =>
    this.send<WriteResult>('POST', '/api/views', body, { 'Idempotency-Key': idempotencyKey });
  // ListsApi
  lists = (archived = false) => this.send<ListList>('GET', `/api/lists${archived ? '?archived=true' : ''}`);
  createList = (body: CreateListBody, idempotencyKey: string) =>
    this.send<WriteResult>('POST', '/api/lists', body, { 'Idempotency-Key': idempotencyKey });

  // NlApi, ChatApi
  parse = (body: NlParseBody) => this.send<ParseResult>('POST', '/api/nl/parse', body);
  chat = (body: ChatBody) => this.send<ChatResponse>('POST', '/api/chat', body);
  conversations = () =>
    this.send<{ items: ChatConversation[] }>('GET', '/api/chat/conversations').then((l) => l.items);
  messages = (conversationId: string) =>
    this.send<{ items: ChatMessage[] }>(
      'GET',
      `/api/chat/conversations/${encodeURIComponent(conversationId)}/messages`,
    ).then((l) => l.items);

  // ApiTokensApi
  createToken = (body: CreateApiTokenBody) => this.send<CreatedApiToken>('POST', '/api/tokens', body);
  tokens = () => this.send<ApiTokenList>('GET', '/api/tokens').then((l) => l.items);
  revokeToken = (id: string) => this.send<void>('DELETE', `/api/tokens/${encodeURIComponent(id)}`);

  /** The response headers of the last call (the SPA reads none but the test may). */
  lastHeaders = new Headers();

  private async send<T>(
    method: string,
    path: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json, text/plain, */*', ...extraHeaders };
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(this.baseUrl + path, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    this.lastHeaders = res.headers;
    const text = await res.text();
    const parsed: unknown = text ? JSON.parse(text) : null;
    if (!res.ok) throw new HttpError(res.status, parsed);
    return parsed as T;
  }
}
