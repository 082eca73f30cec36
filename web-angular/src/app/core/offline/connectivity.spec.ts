import { TestBed } from '@angular/core/testing';
import { describe, expect, it } from '@jest/globals';
import { Connectivity, NETWORK_STATUS, type NetworkStatus } from './connectivity';

/** A network the spec switches on and off, as the browser's events would. */
class FakeNetwork implements NetworkStatus {
  onLine: boolean;
  readonly listeners = new Map<string, Set<() => void>>();
  constructor(onLine: boolean) {
    this.onLine = onLine;
  }
  addEventListener(type: string, listener: () => void): void {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)?.add(listener);
  }
  removeEventListener(type: string, listener: () => void): void {
    this.listeners.get(type)?.delete(listener);
  }
  set(onLine: boolean): void {
    this.onLine = onLine;
    for (const listener of this.listeners.get(onLine ? 'online' : 'offline') ?? []) listener();
  }
  count(): number {
    return [...this.listeners.values()].reduce((n, set) => n + set.size, 0);
  }
}

function connectivityOn(network: FakeNetwork): Connectivity {
  TestBed.configureTestingModule({ providers: [{ provide: NETWORK_STATUS, useValue: network }] });
  return TestBed.inject(Connectivity);
}

describe('Connectivity', () => {
  it('given an online browser, is online, and follows it going offline and back', () => {
    const network = new FakeNetwork(true);
    const connectivity = connectivityOn(network);
    expect(connectivity.online()).toBe(true);
    network.set(false);
    expect(connectivity.online()).toBe(false);
    network.set(true);
    expect(connectivity.online()).toBe(true);
  });

  it('given a browser that opens offline (from the service worker), is offline from the start', () => {
    expect(connectivityOn(new FakeNetwork(false)).online()).toBe(false);
  });

  it('stops listening when the application is destroyed', () => {
    const network = new FakeNetwork(true);
    connectivityOn(network);
    expect(network.count()).toBe(2);
    TestBed.resetTestingModule();
    expect(network.count()).toBe(0);
  });
});
