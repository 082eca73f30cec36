import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { describe, expect, it, jest } from '@jest/globals';
import { Subject } from 'rxjs';
import { byLabel, settle, submit, typeInto } from '../../../testing/dom';
import { SessionStore } from '../../core/auth/session-store';
import { RealtimeClient } from '../../core/realtime/realtime-client';
import { SaveAsView } from './save-as-view';
import { aView } from '../../../testing/views';

function render() {
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      provideHttpClient(),
      provideHttpClientTesting(),
      { provide: RealtimeClient, useValue: { messages$: new Subject().asObservable() } },
      { provide: SessionStore, useValue: { signedIn: signal(true) } },
    ],
  });
  const fixture = TestBed.createComponent(SaveAsView);
  fixture.componentRef.setInput('filter', 'today & p1 | overdue');
  fixture.detectChanges();
  const el = fixture.nativeElement as HTMLElement;
  const button = (name: string) =>
    [...el.querySelectorAll('button')].find((b) => b.textContent?.trim() === name)!;
  const http = TestBed.inject(HttpTestingController);
  const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
  return { fixture, el, button, http, navigate };
}

describe('Save as view', () => {
  it('given a name, when saved, then the filter is saved under it and the view opens', async () => {
    const { fixture, el, button, http, navigate } = render();
    button('Save as view').click();
    fixture.detectChanges();
    typeInto(byLabel(el, 'View name'), ' Urgent ');
    fixture.detectChanges();
    submit(el.querySelector('form'));
    const post = http.expectOne((r) => r.method === 'POST' && r.url === '/api/views');
    expect(post.request.body).toEqual({ name: 'Urgent', filter: 'today & p1 | overdue' });
    expect(post.request.headers.get('Idempotency-Key')).toBeTruthy();
    post.flush({ id: 'v1', version: 1 });
    await settle();
    http.expectOne('/api/views').flush({ items: [aView()], version: 1 });
    await settle();
    expect(navigate).toHaveBeenCalledWith(['/views', 'v1']);
  });

  it('given the server refuses the name, then its message shows by the field', async () => {
    const { fixture, el, button, http } = render();
    button('Save as view').click();
    fixture.detectChanges();
    typeInto(byLabel(el, 'View name'), 'Urgent');
    submit(el.querySelector('form'));
    http
      .expectOne((r) => r.method === 'POST')
      .flush(
        {
          type: 'unprocessable',
          title: 'Unprocessable request',
          status: 422,
          detail: 'a user has at most 50 saved views',
        },
        { status: 422, statusText: 'Unprocessable Entity' },
      );
    await settle();
    fixture.detectChanges();
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('at most 50 saved views');
  });
});
