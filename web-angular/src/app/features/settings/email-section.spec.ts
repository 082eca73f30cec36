import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { describe, expect, it } from '@jest/globals';
import type { EmailSettingsView } from '@todo/contracts';
import { EmailSection } from './email-section';

const off: EmailSettingsView = { available: true, address: null, verified: false, verifiedAt: null };

async function open(state: EmailSettingsView): Promise<{
  fixture: ComponentFixture<EmailSection>;
  http: HttpTestingController;
  el: HTMLElement;
}> {
  TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
  const fixture = TestBed.createComponent(EmailSection);
  fixture.detectChanges();
  const http = TestBed.inject(HttpTestingController);
  http.expectOne({ method: 'GET', url: '/api/email' }).flush(state);
  await settle(fixture);
  return { fixture, http, el: fixture.nativeElement as HTMLElement };
}

async function settle(fixture: ComponentFixture<EmailSection>): Promise<void> {
  await new Promise((r) => setTimeout(r, 0));
  fixture.detectChanges();
}

function type(el: HTMLElement, text: string): void {
  const input = el.querySelector<HTMLInputElement>('#email-address')!;
  input.value = text;
  input.dispatchEvent(new Event('input'));
}

const submit = (el: HTMLElement) => el.querySelector('form')!.dispatchEvent(new Event('submit'));

describe('EmailSection', () => {
  it('given a server without a mail server, says email reminders are off and offers no form', async () => {
    const { el } = await open({ ...off, available: false });
    expect(el.querySelector('.off')?.textContent).toContain('no mail server is configured');
    expect(el.querySelector('form')).toBeNull();
  });

  it('given no address, when one is entered, then it is sent and the section asks to open the link', async () => {
    const { fixture, http, el } = await open(off);
    type(el, ' ada@mail.test ');
    submit(el);
    const put = http.expectOne({ method: 'PUT', url: '/api/email' });
    expect(put.request.body).toEqual({ address: 'ada@mail.test' });
    put.flush({ ...off, address: 'ada@mail.test' });
    await settle(fixture);
    expect(el.querySelector('.status')?.textContent).toContain(
      'We sent a confirmation link to ada@mail.test',
    );
    http.verify();
  });

  it('given a verified address, shows it, and turning off forgets it', async () => {
    const { fixture, http, el } = await open({
      available: true,
      address: 'ada@mail.test',
      verified: true,
      verifiedAt: '2030-03-04T08:00:00.000Z',
    });
    expect(el.querySelector('.status')?.textContent).toContain('Reminders are emailed to ada@mail.test');
    el.querySelector<HTMLButtonElement>('.turn-off')!.click();
    http
      .expectOne({ method: 'DELETE', url: '/api/email' })
      .flush(null, { status: 204, statusText: 'No Content' });
    await settle(fixture);
    expect(el.querySelector('.status')?.textContent).toContain('Get each reminder by email');
    expect(el.querySelector('.turn-off')).toBeNull();
  });

  it('shows a refused address next to the field, and refuses a malformed one without asking', async () => {
    const { fixture, http, el } = await open(off);
    type(el, 'not an address');
    submit(el);
    await settle(fixture);
    expect(el.querySelector('.field-error')?.textContent).toBe('Enter a valid email address.');
    http.expectNone({ method: 'PUT', url: '/api/email' });
    type(el, 'ada@mail.test');
    submit(el);
    http.expectOne({ method: 'PUT', url: '/api/email' }).flush(
      {
        type: 'https://todo.example/problems/rate-limited',
        title: 'Too many requests',
        status: 429,
        detail: 'a verification mail was asked for less than a minute ago',
      },
      { status: 429, statusText: 'Too Many Requests' },
    );
    await settle(fixture);
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('less than a minute ago');
  });
});
