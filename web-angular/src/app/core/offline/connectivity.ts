import { DestroyRef, Injectable, InjectionToken, inject, signal } from '@angular/core';

/** Where the browser says whether it is online, and tells when that changes. */
export interface NetworkStatus {
  readonly onLine: boolean;
  addEventListener(type: 'online' | 'offline', listener: () => void): void;
  removeEventListener(type: 'online' | 'offline', listener: () => void): void;
}

/** The browser's own (navigator.onLine and the window's online/offline events). */
export const NETWORK_STATUS = new InjectionToken<NetworkStatus>('NETWORK_STATUS', {
  factory: () => ({
    get onLine() {
      return typeof navigator === 'undefined' ? true : navigator.onLine;
    },
    addEventListener: (type, listener) => globalThis.addEventListener?.(type, listener),
    removeEventListener: (type, listener) => globalThis.removeEventListener?.(type, listener),
  }),
});

/**
 * Whether the SPA can reach the network. Offline, the service worker (public/sw.js) answers
 * with the shell and the lists as last seen, and the shell says the app is read-only.
 */
@Injectable({ providedIn: 'root' })
export class Connectivity {
  private readonly status = inject(NETWORK_STATUS);
  private readonly state = signal(this.status.onLine);
  readonly online = this.state.asReadonly();

  constructor() {
    const update = () => this.state.set(this.status.onLine);
    this.status.addEventListener('online', update);
    this.status.addEventListener('offline', update);
    inject(DestroyRef).onDestroy(() => {
      this.status.removeEventListener('online', update);
      this.status.removeEventListener('offline', update);
    });
  }
}
