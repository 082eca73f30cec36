import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { beforeEach, describe, expect, it } from '@jest/globals';
import type { AuthResponse } from '@todo/contracts';
import { authInterceptor } from '../../core/auth/auth.interceptor';
import { SESSION_STORAGE, SessionStore } from '../../core/auth/session-store';
import { provideFixedClock } from '../../../testing/clock';
import { byLabel, settle, submit, typeInto } from '../../../testing/dom';
import { AuthPage } from './auth-page';

function setup(mode: 'login' | 'signup') {
  TestBed.configureTestingModule({
    providers: [
      provideRouter([{ path: '**', children: [] }]),
      provideHttpClient(withInterceptors([authInterceptor])),
      provideHttpClientTesting(),
      { provide: SESSION_STORAGE, useValue: sessionStorage },
      provideFixedClock('2026-06-15T12:00:00Z', 'Europe/Paris'),
    ],
  });
  const fixture = TestBed.createComponent(AuthPage);
  fixture.componentRef.setInput('mode', mode);
  fixture.detectChanges();
  const el = fixture.nativeElement as HTMLElement;
  const type = (label: string, value: string) => typeInto(byLabel(el, label), value);
  const send = async () => {
    submit(el.querySelector('form'));
    await fixture.whenStable();
  };
  return { fixture, el, type, submit: send, http: TestBed.inject(HttpTestingController) };
}

describe('AuthPage', () => {
  beforeEach(() => sessionStorage.clear());

  it('signs up, keeps the session and goes to Today', async () => {
    const { el, type, submit, http, fixture } = setup('signup');
    type('Email', 'ada@example.com');
    type('Password', 'correct horse');
    const done = submit();
    const request = http.expectOne('/api/auth/signup');
    expect(request.request.body).toEqual({ email: 'ada@example.com', password: 'correct horse' });
    const response: AuthResponse = {
      token: 't1',
      expiresAt: '2026-06-15T13:00:00.000Z',
      user: { id: 'u1', email: 'ada@example.com' },
    };
    request.flush(response, { status: 201, statusText: 'Created' });
    await done;
    await settle();
    expect(TestBed.inject(SessionStore).user()?.email).toBe('ada@example.com');
    expect(sessionStorage.getItem('todo.session')).toContain('"t1"');
    expect(TestBed.inject(Router).url).toBe('/tasks/today');
    fixture.detectChanges();
    expect(el.querySelector('.form-error')).toBeNull();
  });

  it('shows a short password inline without calling the server', async () => {
    const { el, type, submit, http, fixture } = setup('signup');
    type('Email', 'ada@example.com');
    type('Password', 'short');
    await submit();
    fixture.detectChanges();
    http.expectNone('/api/auth/signup');
    expect(el.querySelector('#auth-password-error')?.textContent).toContain('at least 8');
    expect(el.querySelector('#auth-password')?.getAttribute('aria-invalid')).toBe('true');
  });

  it('shows a taken email inline next to the email field', async () => {
    const { el, type, submit, http, fixture } = setup('signup');
    type('Email', 'ada@example.com');
    type('Password', 'long enough');
    const done = submit();
    http
      .expectOne('/api/auth/signup')
      .flush(
        { type: 'x/conflict', title: 'Conflict', status: 409, detail: 'email taken' },
        { status: 409, statusText: 'Conflict' },
      );
    await done;
    await settle();
    fixture.detectChanges();
    expect(el.querySelector('#auth-email-error')?.textContent).toContain('already exists');
  });

  it('says bad credentials on log in as a form error', async () => {
    const { el, type, submit, http, fixture } = setup('login');
    type('Email', 'ada@example.com');
    type('Password', 'wrong password');
    const done = submit();
    http
      .expectOne('/api/auth/login')
      .flush(
        { type: 'x/unauthorized', title: 'Unauthorized', status: 401, detail: 'bad credentials' },
        { status: 401, statusText: 'Unauthorized' },
      );
    await done;
    await settle();
    fixture.detectChanges();
    expect(el.querySelector('[role=alert]')?.textContent).toContain('do not match');
    expect(TestBed.inject(SessionStore).signedIn()).toBe(false);
  });
});
