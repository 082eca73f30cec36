import { computed, Injectable, InjectionToken, inject, signal } from '@angular/core';
import type { AuthResponse } from '@todo/contracts';
import { CLOCK } from '../time/clock';

/** Where the session is kept between reloads; a token so tests can give their own Storage. */
export const SESSION_STORAGE = new InjectionToken<Storage>('SESSION_STORAGE', {
  providedIn: 'root',
  factory: () => localStorage,
});

const KEY = 'todo.session';

function isAuthResponse(value: unknown): value is AuthResponse {
  const v = value as Partial<AuthResponse> | null;
  return (
    typeof v?.token === 'string' &&
    typeof v.expiresAt === 'string' &&
    typeof v.user?.id === 'string' &&
    typeof v.user.email === 'string'
  );
}

/** The signed-in user and their bearer token; survives a reload until the token expires. */
@Injectable({ providedIn: 'root' })
export class SessionStore {
  private readonly storage = inject(SESSION_STORAGE);
  private readonly clock = inject(CLOCK);
  private readonly session = signal<AuthResponse | null>(this.restore());

  readonly token = computed(() => this.session()?.token ?? null);

  constructor() {
    // Logging out (or in as someone else) in another tab applies here too.
    if (typeof window !== 'undefined' && this.storage === window.localStorage) {
      window.addEventListener('storage', (event) => {
        if (event.key === KEY || event.key === null) this.session.set(this.restore());
      });
    }
  }

  readonly user = computed(() => this.session()?.user ?? null);
  readonly signedIn = computed(() => this.session() !== null);

  signIn(response: AuthResponse): void {
    this.storage.setItem(KEY, JSON.stringify(response));
    this.session.set(response);
  }

  signOut(): void {
    this.storage.removeItem(KEY);
    this.session.set(null);
  }

  private restore(): AuthResponse | null {
    const now = this.clock.now();
    try {
      const stored: unknown = JSON.parse(this.storage.getItem(KEY) ?? 'null');
      if (!isAuthResponse(stored)) return null;
      // An expired token would only earn a 401 on the first request: start signed out.
      if (Date.parse(stored.expiresAt) <= now) {
        this.storage.removeItem(KEY);
        return null;
      }
      return stored;
    } catch {
      return null;
    }
  }
}
