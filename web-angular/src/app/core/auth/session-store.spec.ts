import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { beforeEach, describe, expect, it } from '@jest/globals';
import { firstValueFrom } from 'rxjs';
import { authInterceptor } from './auth.interceptor';
import { provideFixedClock } from '../../../testing/clock';
import { SESSION_STORAGE, SessionStore } from './session-store';

// The pinned "now": expiry is judged by the injected clock, never by the machine's.
const NOW = '2027-01-31T23:59:30.000Z';

const session = (expiresInMs: number) => ({
  token: 'tok',
  expiresAt: new Date(Date.parse(NOW) + expiresInMs).toISOString(),
  user: { id: 'u1', email: 'ada@example.com' },
});

function configure() {
  TestBed.configureTestingModule({
    providers: [
      provideRouter([{ path: '**', children: [] }]),
      provideHttpClient(withInterceptors([authInterceptor])),
      provideHttpClientTesting(),
      { provide: SESSION_STORAGE, useValue: sessionStorage },
      provideFixedClock(NOW, 'UTC'),
    ],
  });
}

describe('SessionStore', () => {
  beforeEach(() => sessionStorage.clear());

  it('restores an unexpired session after a reload', () => {
    sessionStorage.setItem('todo.session', JSON.stringify(session(60_000)));
    configure();
    expect(TestBed.inject(SessionStore).user()?.email).toBe('ada@example.com');
  });

  it('starts signed out when the stored token has expired or is garbage', () => {
    sessionStorage.setItem('todo.session', JSON.stringify(session(-1)));
    configure();
    expect(TestBed.inject(SessionStore).signedIn()).toBe(false);
    expect(sessionStorage.getItem('todo.session')).toBeNull();
  });

  it('judges expiry by the injected clock: a token expiring in 1 s is still good', () => {
    sessionStorage.setItem('todo.session', JSON.stringify(session(1000)));
    configure();
    expect(TestBed.inject(SessionStore).signedIn()).toBe(true);
  });
});

describe('SessionStore across tabs', () => {
  it('signs out here when another tab logs out', () => {
    TestBed.configureTestingModule({ providers: [provideFixedClock(NOW, 'UTC')] });
    const store = TestBed.inject(SessionStore);
    store.signIn(session(60_000));
    localStorage.removeItem('todo.session');
    window.dispatchEvent(new StorageEvent('storage', { key: 'todo.session' }));
    expect(store.signedIn()).toBe(false);
  });
});

describe('authInterceptor', () => {
  beforeEach(() => sessionStorage.clear());

  it('sends the bearer token to the API but not to the auth routes', () => {
    configure();
    TestBed.inject(SessionStore).signIn(session(60_000));
    const http = TestBed.inject(HttpClient);
    const controller = TestBed.inject(HttpTestingController);
    void firstValueFrom(http.get('/api/tasks'));
    void firstValueFrom(http.post('/api/auth/login', {}));
    expect(controller.expectOne('/api/tasks').request.headers.get('Authorization')).toBe('Bearer tok');
    expect(controller.expectOne('/api/auth/login').request.headers.has('Authorization')).toBe(false);
  });

  it('signs out and goes to log in when the API says 401', async () => {
    configure();
    TestBed.inject(SessionStore).signIn(session(60_000));
    const done = firstValueFrom(TestBed.inject(HttpClient).get('/api/tasks')).catch(() => 'failed');
    TestBed.inject(HttpTestingController)
      .expectOne('/api/tasks')
      .flush({}, { status: 401, statusText: 'Unauthorized' });
    expect(await done).toBe('failed');
    await new Promise((r) => setTimeout(r, 0));
    expect(TestBed.inject(SessionStore).signedIn()).toBe(false);
    expect(TestBed.inject(Router).url).toBe('/login');
  });
});
