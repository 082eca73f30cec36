import { Injectable, InjectionToken, inject } from '@angular/core';

/** A worker the page can post to. */
export interface WorkerPort {
  postMessage(message: unknown): void;
}

/** What the SPA uses of the browser's ServiceWorkerContainer. */
export interface ServiceWorkers {
  register(url: string): Promise<unknown>;
  readonly controller: WorkerPort | null;
}

/** The browser's service workers; null where there are none (jsdom, an insecure origin). */
export const SERVICE_WORKERS = new InjectionToken<ServiceWorkers | null>('SERVICE_WORKERS', {
  factory: () => (typeof navigator !== 'undefined' && navigator.serviceWorker) || null,
});

export const SERVICE_WORKER_URL = '/sw.js';

/**
 * The SPA's side of its service worker (public/sw.js): registers it, and tells it to forget
 * the cached lists when the user logs out.
 */
@Injectable({ providedIn: 'root' })
export class OfflineShell {
  private readonly workers = inject(SERVICE_WORKERS);

  async register(): Promise<void> {
    if (!this.workers) return;
    await this.workers.register(SERVICE_WORKER_URL);
  }

  /** Drops every cached list: nothing of this user stays for the next one on this browser. */
  forget(): void {
    this.workers?.controller?.postMessage({ type: 'forget' });
  }
}
