import { TestBed } from '@angular/core/testing';
import { describe, expect, it } from '@jest/globals';
import { OfflineShell, SERVICE_WORKER_URL, SERVICE_WORKERS, type ServiceWorkers } from './service-worker';

/** A service worker container that records what the SPA asks of it. */
function fakeWorkers() {
  const registered: string[] = [];
  const toController: unknown[] = [];
  const container: ServiceWorkers = {
    register: async (url: string) => {
      registered.push(url);
      return {};
    },
    controller: { postMessage: (m: unknown) => toController.push(m) },
  };
  return { container, registered, toController };
}

function shellWith(container: ServiceWorkers | null): OfflineShell {
  TestBed.configureTestingModule({
    providers: [{ provide: SERVICE_WORKERS, useValue: container }],
  });
  return TestBed.inject(OfflineShell);
}

describe('OfflineShell', () => {
  it('registers the worker', async () => {
    const workers = fakeWorkers();
    await shellWith(workers.container).register();
    expect(workers.registered).toEqual([SERVICE_WORKER_URL]);
    expect(workers.toController).toEqual([]);
  });

  it('tells the worker to forget the cached lists (on log-out)', () => {
    const workers = fakeWorkers();
    shellWith(workers.container).forget();
    expect(workers.toController).toEqual([{ type: 'forget' }]);
  });

  it('does nothing where the browser has no service workers', async () => {
    const shell = shellWith(null);
    await expect(shell.register()).resolves.toBeUndefined();
    expect(() => shell.forget()).not.toThrow();
  });
});
