import { TestBed } from '@angular/core/testing';
import { describe, expect, it } from '@jest/globals';
import { MATCH_MEDIA, type MediaQueryWatch, NARROW_MEDIA_QUERY, NarrowScreen } from './narrow-screen';

/** A media query list whose match the spec sets, as a rotation or a resize would. */
function fakeQuery(initially: boolean) {
  const listeners = new Set<(e: { matches: boolean }) => void>();
  const asked: string[] = [];
  const list: MediaQueryWatch = {
    matches: initially,
    addEventListener: (_, l) => listeners.add(l),
    removeEventListener: (_, l) => listeners.delete(l),
  };
  return {
    asked,
    listeners,
    matchMedia: (q: string) => {
      asked.push(q);
      return list;
    },
    change: (matches: boolean) => {
      for (const l of listeners) l({ matches });
    },
  };
}

describe('NarrowScreen', () => {
  it('given a phone-wide screen, says narrow, and follows a rotation to wide and back', () => {
    const query = fakeQuery(true);
    TestBed.configureTestingModule({ providers: [{ provide: MATCH_MEDIA, useValue: query.matchMedia }] });
    const screen = TestBed.inject(NarrowScreen);
    expect(query.asked).toEqual([NARROW_MEDIA_QUERY]);
    expect(screen.narrow()).toBe(true);
    query.change(false);
    expect(screen.narrow()).toBe(false);
    query.change(true);
    expect(screen.narrow()).toBe(true);
  });

  it('given no media queries (jsdom), says wide', () => {
    TestBed.configureTestingModule({ providers: [{ provide: MATCH_MEDIA, useValue: () => null }] });
    expect(TestBed.inject(NarrowScreen).narrow()).toBe(false);
  });

  it('stops listening when the application is destroyed', () => {
    const query = fakeQuery(false);
    TestBed.configureTestingModule({ providers: [{ provide: MATCH_MEDIA, useValue: query.matchMedia }] });
    TestBed.inject(NarrowScreen);
    expect(query.listeners.size).toBe(1);
    TestBed.resetTestingModule();
    expect(query.listeners.size).toBe(0);
  });
});
