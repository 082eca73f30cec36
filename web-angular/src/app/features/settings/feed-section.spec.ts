import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { describe, expect, it, jest } from '@jest/globals';
import { provideFixedClock } from '../../../testing/clock';
import { FeedSection } from './feed-section';

const PATH = '/api/feeds/s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3c/tasks.ics';

async function givenTheFeed(status: { createdAt: string } | null) {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideFixedClock('2026-03-01T12:00:00Z', 'Asia/Tokyo'),
    ],
  });
  const fixture = TestBed.createComponent(FeedSection);
  const http = TestBed.inject(HttpTestingController);
  fixture.detectChanges();
  const request = http.expectOne({ method: 'GET', url: '/api/calendar-feed' });
  if (status) request.flush(status);
  else request.flush({ title: 'Not found', status: 404 }, { status: 404, statusText: 'Not Found' });
  const settle = async () => {
    await fixture.whenStable();
    await new Promise((r) => setTimeout(r, 0));
    fixture.detectChanges();
  };
  await settle();
  const el = fixture.nativeElement as HTMLElement;
  const button = (text: string) =>
    [...el.querySelectorAll('button')].find((b) => b.textContent?.trim() === text) as
      HTMLButtonElement | undefined;
  // Every request the section made was answered, and no other was made.
  const thenNoOtherRequest = () => http.verify();
  return { fixture, http, el, button, settle, thenNoOtherRequest };
}

describe('FeedSection', () => {
  it('given no feed, when the section opens, then it offers to create one and shows no URL', async () => {
    const { el, button, thenNoOtherRequest } = await givenTheFeed(null);
    expect(el.querySelector('h2')?.textContent).toBe('Calendar feed');
    expect(el.textContent).toContain('You have no calendar feed.');
    expect(button('Create feed URL')).toBeDefined();
    expect(el.querySelector('input')).toBeNull();
    thenNoOtherRequest();
  });

  it('given no feed, when it is created, then the URL (this origin + the path) is shown once with copy and webcal', async () => {
    const { el, http, button, settle, thenNoOtherRequest } = await givenTheFeed(null);
    button('Create feed URL')!.click();
    http
      .expectOne({ method: 'POST', url: '/api/calendar-feed' })
      .flush({ url: `http://internal${PATH}`, path: PATH, createdAt: '2026-03-01T12:00:00.000Z' });
    await settle();
    const input = el.querySelector<HTMLInputElement>('#feed-url');
    expect(input?.value).toBe(`${location.origin}${PATH}`);
    expect(input?.readOnly).toBe(true);
    expect(el.querySelector('a')?.getAttribute('href')).toBe(`webcal://${location.host}${PATH}`);

    const writeText = jest.fn(async (_text: string) => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    button('Copy')!.click();
    await settle();
    expect(writeText).toHaveBeenCalledWith(`${location.origin}${PATH}`);
    expect(el.querySelector('[role="status"]')?.textContent).toBe('Copied.');
    thenNoOtherRequest();
  });

  it('given a feed, when the section opens, then it says when it was made (in the user’s zone), not the URL', async () => {
    const { el, button, thenNoOtherRequest } = await givenTheFeed({ createdAt: '2026-02-01T09:00:00.000Z' });
    expect(el.querySelector('time')?.getAttribute('datetime')).toBe('2026-02-01T09:00:00.000Z');
    // 09:00 UTC is 18:00 in Tokyo, whatever the machine's zone is.
    expect(el.querySelector('time')?.textContent).toMatch(/6:00\sPM|18:00/);
    expect(el.querySelector('#feed-url')).toBeNull();
    expect(button('Regenerate URL')).toBeDefined();
    thenNoOtherRequest();
  });

  it('given a feed, when it is regenerated, then the new URL is shown', async () => {
    const { el, http, button, settle, thenNoOtherRequest } = await givenTheFeed({
      createdAt: '2026-02-01T09:00:00.000Z',
    });
    button('Regenerate URL')!.click();
    http
      .expectOne({ method: 'POST', url: '/api/calendar-feed' })
      .flush({ url: PATH, path: PATH, createdAt: '2026-03-01T12:00:00.000Z' });
    await settle();
    expect(el.querySelector<HTMLInputElement>('#feed-url')?.value).toBe(`${location.origin}${PATH}`);
    thenNoOtherRequest();
  });

  it('given a feed, when it is revoked, then there is none', async () => {
    const { el, http, button, settle, thenNoOtherRequest } = await givenTheFeed({
      createdAt: '2026-02-01T09:00:00.000Z',
    });
    button('Revoke')!.click();
    http
      .expectOne({ method: 'DELETE', url: '/api/calendar-feed' })
      .flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    expect(el.textContent).toContain('You have no calendar feed.');
    thenNoOtherRequest();
  });

  it('given a failing server, when creating, then the problem is shown', async () => {
    const { el, http, button, settle, thenNoOtherRequest } = await givenTheFeed(null);
    button('Create feed URL')!.click();
    http
      .expectOne({ method: 'POST', url: '/api/calendar-feed' })
      .flush(
        { title: 'Unavailable', status: 503, detail: 'shutting down' },
        { status: 503, statusText: 'Unavailable' },
      );
    await settle();
    expect(el.querySelector('[role="alert"]')?.textContent).toBe('shutting down');
    thenNoOtherRequest();
  });
});
