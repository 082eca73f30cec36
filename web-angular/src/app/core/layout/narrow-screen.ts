import { DestroyRef, Injectable, InjectionToken, inject, signal } from '@angular/core';

/** The width at and below which the SPA lays itself out for a phone (matches the CSS). */
export const NARROW_MEDIA_QUERY = '(max-width: 480px)';

/** What the SPA uses of a MediaQueryList. */
export interface MediaQueryWatch {
  readonly matches: boolean;
  addEventListener(type: 'change', listener: (event: { matches: boolean }) => void): void;
  removeEventListener(type: 'change', listener: (event: { matches: boolean }) => void): void;
}

/** The environment's media queries; null where there are none (jsdom, server rendering). */
export const MATCH_MEDIA = new InjectionToken<(query: string) => MediaQueryWatch | null>('MATCH_MEDIA', {
  factory: () => (query) => (typeof matchMedia === 'function' ? matchMedia(query) : null),
});

/**
 * Whether the screen is phone-narrow, as a signal that follows rotation and resizing. The
 * task list needs it in code: its virtual scroll gives every row one fixed height, and a
 * phone's rows are taller (the title wraps, the chips wrap).
 */
@Injectable({ providedIn: 'root' })
export class NarrowScreen {
  private readonly query = inject(MATCH_MEDIA)(NARROW_MEDIA_QUERY);
  private readonly state = signal(this.query?.matches ?? false);
  readonly narrow = this.state.asReadonly();

  constructor() {
    const query = this.query;
    if (!query) return;
    const follow = (event: { matches: boolean }) => this.state.set(event.matches);
    query.addEventListener('change', follow);
    inject(DestroyRef).onDestroy(() => query.removeEventListener('change', follow));
  }
}
