import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { SESSION_STORAGE, SessionStore } from '../../core/auth/session-store';
import { NETWORK_STATUS, type NetworkStatus } from '../../core/offline/connectivity';
import { SERVICE_WORKERS, type ServiceWorkers } from '../../core/offline/service-worker';
import { RealtimeClient } from '../../core/realtime/realtime-client';
import { provideFixedClock } from '../../../testing/clock';
import { Shell } from './shell';

/** A network the spec switches off and on (the browser's online/offline events). */
function switchableNetwork(): NetworkStatus & { set(onLine: boolean): void } {
  const listeners = new Map<string, Set<() => void>>();
  const network = {
    onLine: true,
    addEventListener: (type: string, l: () => void) => {
      if (!listeners.has(type)) listeners.set(type, new Set());
      listeners.get(type)?.add(l);
    },
    removeEventListener: (type: string, l: () => void) => listeners.get(type)?.delete(l),
    set(onLine: boolean) {
      network.onLine = onLine;
      for (const l of listeners.get(onLine ? 'online' : 'offline') ?? []) l();
    },
  };
  return network;
}

describe('Shell', () => {
  const network = switchableNetwork();
  const toWorker: unknown[] = [];
  const workers: ServiceWorkers = {
    register: async () => undefined,
    controller: { postMessage: (m: unknown) => toWorker.push(m) },
  };
  beforeEach(() => {
    network.set(true);
    toWorker.length = 0;
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: '**', children: [] }]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: SESSION_STORAGE, useValue: sessionStorage },
        provideFixedClock('2026-06-15T12:00:00Z', 'Europe/Paris'),
        { provide: NETWORK_STATUS, useValue: network },
        { provide: SERVICE_WORKERS, useValue: workers },
      ],
    });
    TestBed.inject(SessionStore).signIn({
      token: 'tok',
      expiresAt: '2026-06-15T13:00:00.000Z',
      user: { id: 'u1', email: 'ada@example.com' },
    });
  });
  afterEach(() => sessionStorage.clear());

  function render() {
    const fixture = TestBed.createComponent(Shell);
    fixture.detectChanges();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  it('starts the live connection and shows a banner while it is down', () => {
    const { fixture, el } = render();
    const realtime = TestBed.inject(RealtimeClient);
    TestBed.inject(HttpTestingController).expectOne('/api/realtime/ticket');
    expect(el.querySelector('.banner')).toBeNull();
    realtime.status.set('disconnected');
    fixture.detectChanges();
    expect(el.querySelector('[role=status].banner')?.textContent).toContain('disconnected');
    expect(fixture.nativeElement.getAttribute('data-realtime')).toBe('disconnected');
  });

  it('focuses quick-add on q, but not while typing in a field', () => {
    const { el } = render();
    document.body.appendChild(el);
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'q', bubbles: true }));
    expect(document.activeElement?.id).toBe('quick-add-input');
    const input = document.activeElement as HTMLInputElement;
    const event = new KeyboardEvent('keydown', { key: 'q', bubbles: true, cancelable: true });
    input.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(false);
    el.remove();
  });

  it('opens and closes the chat panel from its button and with Escape', () => {
    const { fixture, el } = render();
    const button = [...el.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Chat')!;
    button.click();
    fixture.detectChanges();
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(el.querySelector('app-chat-panel')).not.toBeNull();
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    fixture.detectChanges();
    expect(el.querySelector('app-chat-panel')).toBeNull();
  });

  it('logs out: stops live updates, forgets the session and goes to log in', async () => {
    const { el } = render();
    [...el.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Log out')!.click();
    await new Promise((r) => setTimeout(r, 0));
    expect(TestBed.inject(SessionStore).signedIn()).toBe(false);
    expect(TestBed.inject(RealtimeClient).status()).toBe('idle');
    expect(TestBed.inject(Router).url).toBe('/login');
    expect(toWorker).toContainEqual({ type: 'forget' });
  });

  it('offline, says it is read-only and disables what would change the lists; back online, undoes both', () => {
    const { fixture, el } = render();
    const quickAdd = () => el.querySelector<HTMLInputElement>('#quick-add-input')!;
    const frameDisabled = () => el.querySelector<HTMLFieldSetElement>('fieldset.frame')!.disabled;
    expect(frameDisabled()).toBe(false);
    network.set(false);
    fixture.detectChanges();
    expect(el.querySelector('[role=status].banner.offline')?.textContent).toContain('Offline, read-only');
    expect(frameDisabled()).toBe(true);
    expect(quickAdd().matches(':disabled')).toBe(true);
    // The realtime banner would only repeat it.
    TestBed.inject(RealtimeClient).status.set('disconnected');
    fixture.detectChanges();
    expect(el.querySelectorAll('.banner')).toHaveLength(1);
    network.set(true);
    fixture.detectChanges();
    expect(el.querySelector('.banner.offline')).toBeNull();
    expect(frameDisabled()).toBe(false);
  });
});
