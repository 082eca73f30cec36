import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { describe, expect, it } from '@jest/globals';
import type { ApiTokenView, CreatedApiToken } from '@todo/contracts';
import { provideFixedClock } from '../../../testing/clock';
import { byLabel, settle, submit, typeInto } from '../../../testing/dom';
import { TokensSection } from './tokens-section';

const token = (overrides: Partial<ApiTokenView> = {}): ApiTokenView => ({
  id: '00000000-0000-4000-8000-000000000001',
  name: 'Claude Desktop',
  scopes: ['tasks:read'],
  hint: 'todo_pat_AbCd',
  createdAt: '2026-06-01T08:00:00.000Z',
  expiresAt: '2026-08-30T08:00:00.000Z',
  lastUsedAt: null,
  ...overrides,
});

describe('TokensSection', () => {
  async function setup(existing: ApiTokenView[]) {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideFixedClock('2026-06-15T12:00:00Z', 'UTC'),
      ],
    });
    const fixture = TestBed.createComponent(TokensSection);
    const http = TestBed.inject(HttpTestingController);
    http.expectOne({ method: 'GET', url: '/api/tokens' }).flush({ items: existing });
    await settle();
    fixture.detectChanges();
    return { fixture, el: fixture.nativeElement as HTMLElement, http };
  }

  it('lists the tokens with their scopes, hint, expiry and last use', async () => {
    const { el } = await setup([
      token(),
      token({
        id: '00000000-0000-4000-8000-000000000002',
        name: 'old script',
        scopes: ['tasks:read', 'tasks:write'],
        expiresAt: '2026-06-10T00:00:00.000Z',
        lastUsedAt: '2026-06-09T10:00:00.000Z',
      }),
    ]);
    const rows = [...el.querySelectorAll('ul[aria-label="Your API tokens"] li')].map((li) => li.textContent);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('Claude Desktop');
    expect(rows[0]).toContain('todo_pat_AbCd…');
    expect(rows[0]).toContain('never used');
    expect(rows[0]).toMatch(/expires Aug 30, 2026/);
    expect(rows[1]).toContain('tasks:read, tasks:write');
    // Expired by the pinned clock, whatever the machine's date.
    expect(rows[1]).toMatch(/expired Jun 10, 2026/);
    expect(rows[1]).toMatch(/last used Jun 9, 2026/);
  });

  it('creates a token with the chosen scopes and expiry, and shows its secret once', async () => {
    const { fixture, el, http } = await setup([]);
    expect(el.textContent).toContain('You have no API tokens.');
    typeInto(byLabel(el, 'Token name'), 'my agent');
    byLabel(el, 'Change tasks tasks:write').click();
    const expiry = byLabel<HTMLSelectElement>(el, 'Expires');
    expiry.value = '30';
    expiry.dispatchEvent(new Event('change'));
    fixture.detectChanges();
    submit(el.querySelector('form'));
    await settle();

    const post = http.expectOne({ method: 'POST', url: '/api/tokens' });
    expect(post.request.body).toEqual({
      name: 'my agent',
      scopes: ['tasks:read', 'tasks:write'],
      expiresInDays: 30,
    });
    const created: CreatedApiToken = {
      ...token({ name: 'my agent', scopes: ['tasks:read', 'tasks:write'] }),
      token: `todo_pat_${'x'.repeat(43)}`,
    };
    post.flush(created, { status: 201, statusText: 'Created' });
    await settle();
    http.expectOne({ method: 'GET', url: '/api/tokens' }).flush({ items: [token({ name: 'my agent' })] });
    await settle();
    fixture.detectChanges();

    expect(byLabel(el, 'Your new token “my agent”').value).toBe(created.token);
    expect(el.textContent).toContain('it is shown only this once');
    // The list never holds the secret.
    expect(el.querySelector('ul')?.textContent).not.toContain(created.token);

    [...el.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Done')!.click();
    fixture.detectChanges();
    expect(el.textContent).not.toContain(created.token);
  });

  it('names the offending field when the server refuses the body', async () => {
    const { fixture, el, http } = await setup([]);
    byLabel(el, 'Read tasks tasks:read').click();
    fixture.detectChanges();
    submit(el.querySelector('form'));
    await settle();
    const post = http.expectOne({ method: 'POST', url: '/api/tokens' });
    expect(post.request.body).toMatchObject({ name: '', scopes: [] });
    post.flush(
      {
        type: 'https://todo.example/problems/validation-error',
        title: 'Your request is not valid',
        status: 400,
        detail: 'name: must not be blank; scopes: give at least one scope',
        errors: [
          { field: 'name', message: 'must not be blank' },
          { field: 'scopes', message: 'give at least one scope' },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    fixture.detectChanges();
    expect(el.querySelector('#token-name-error')?.textContent).toBe('must not be blank');
    expect(el.querySelector('#token-scopes-error')?.textContent).toBe('give at least one scope');
    expect(byLabel(el, 'Token name').getAttribute('aria-invalid')).toBe('true');
  });

  it('revokes a token and takes it off the list', async () => {
    const { fixture, el, http } = await setup([token()]);
    el.querySelector<HTMLButtonElement>('button[aria-label="Revoke Claude Desktop"]')!.click();
    http.expectOne({ method: 'DELETE', url: `/api/tokens/${token().id}` }).flush(null, {
      status: 204,
      statusText: 'No Content',
    });
    await settle();
    fixture.detectChanges();
    expect(el.querySelector('ul[aria-label="Your API tokens"]')).toBeNull();
    expect(el.textContent).toContain('You have no API tokens.');
    http.verify();
  });
});
