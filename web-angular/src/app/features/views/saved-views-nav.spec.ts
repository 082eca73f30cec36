import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { describe, expect, it } from '@jest/globals';
import { Subject } from 'rxjs';
import { settle } from '../../../testing/dom';
import { signal } from '@angular/core';
import { SessionStore } from '../../core/auth/session-store';
import { MATCH_MEDIA } from '../../core/layout/narrow-screen';
import { RealtimeClient } from '../../core/realtime/realtime-client';
import { SavedViewsNav } from './saved-views-nav';
import { aView } from '../../../testing/views';

async function render(narrow: boolean) {
  TestBed.configureTestingModule({
    providers: [
      // Somewhere to go when a view is chosen.
      provideRouter([{ path: '**', children: [] }]),
      provideHttpClient(),
      provideHttpClientTesting(),
      { provide: RealtimeClient, useValue: { messages$: new Subject().asObservable() } },
      { provide: SessionStore, useValue: { signedIn: signal(true) } },
      {
        provide: MATCH_MEDIA,
        useValue: () => ({
          matches: narrow,
          addEventListener: () => undefined,
          removeEventListener: () => undefined,
        }),
      },
    ],
  });
  const fixture = TestBed.createComponent(SavedViewsNav);
  fixture.detectChanges();
  TestBed.inject(HttpTestingController)
    .expectOne('/api/views')
    .flush({
      items: [aView(), aView({ id: 'v2', name: 'Big', position: 1, count: 1000, countCapped: true })],
      version: 2,
    });
  await settle();
  fixture.detectChanges();
  const el = fixture.nativeElement as HTMLElement;
  const links = () =>
    [...el.querySelectorAll('nav[aria-label="Saved views"] a')].map((a) => [
      a.textContent?.trim(),
      a.getAttribute('href'),
    ]);
  return { fixture, el, links };
}

describe('saved views in the navigation', () => {
  it('given a wide screen, then each view is a link with its count', async () => {
    const { links } = await render(false);
    expect(links()).toEqual([
      ['Urgent 2', '/views/v1'],
      ['Big 999+', '/views/v2'],
    ]);
  });

  it('given a phone, then one "Saved views" button opens them as a drawer and a choice closes it', async () => {
    const { el, fixture, links } = await render(true);
    expect(links()).toEqual([]);
    const toggle = el.querySelector('button[aria-label="Saved views"]') as HTMLButtonElement;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    toggle.click();
    fixture.detectChanges();
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(links().map(([text]) => text)).toEqual(['Urgent 2', 'Big 999+']);
    (el.querySelector('nav a') as HTMLAnchorElement).click();
    fixture.detectChanges();
    expect(links()).toEqual([]);
  });
});
