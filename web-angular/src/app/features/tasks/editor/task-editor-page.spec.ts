import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { beforeEach, describe, expect, it } from '@jest/globals';
import { aTask } from '../../../../testing/tasks';
import { byLabel, settle, submit, typeInto } from '../../../../testing/dom';
import { TaskEditorPage } from './task-editor-page';
import { provideFixedClock } from '../../../../testing/clock';

const flush = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe('TaskEditorPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: '**', children: [] }]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideFixedClock('2026-06-15T12:00:00Z', 'Europe/Paris'),
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  async function open(id: string) {
    const fixture = TestBed.createComponent(TaskEditorPage);
    fixture.componentRef.setInput('id', id);
    fixture.detectChanges();
    await flush();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  it('loads a task into the form and saves every field with If-Match', async () => {
    const { fixture, el } = await open('t1');
    http.expectOne('/api/tasks/t1').flush(
      aTask({
        id: 't1',
        title: 'Standup',
        priority: 'medium',
        tags: ['work'],
        dueAt: '2026-01-15T08:00:00.000Z',
        timezone: 'Europe/Paris',
        recurrence: { rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH', anchor: 'schedule' },
        version: 4,
      }),
    );
    await flush();
    fixture.detectChanges();
    expect(byLabel(el, 'Title').value).toBe('Standup');
    expect(el.querySelector('[data-testid=recurrence-words]')?.textContent).toBe(
      'Every 2 weeks on Monday and Thursday',
    );
    expect(el.querySelector('input[type=time]')).toHaveProperty('value', '09:00');

    typeInto(byLabel(el, 'Title'), 'Standup meeting');
    fixture.detectChanges();
    submit(el.querySelector('form'));
    await flush();
    const patch = http.expectOne({ method: 'PATCH', url: '/api/tasks/t1' });
    expect(patch.request.headers.get('If-Match')).toBe('"4"');
    expect(patch.request.body).toMatchObject({
      title: 'Standup meeting',
      priority: 'medium',
      tags: ['work'],
      dueAt: '2026-01-15T08:00:00.000Z',
      allDay: false,
      timezone: 'Europe/Paris',
      recurrence: { rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH', anchor: 'schedule' },
    });
    patch.flush({ id: 't1', version: 5 });
    await flush();
    http.expectOne('/api/tasks/t1').flush(aTask({ id: 't1', version: 5 }));
    await settle();
    expect(TestBed.inject(Router).url).toBe('/tasks/all');
  });

  it('says when the task changed elsewhere (412) and offers the latest version', async () => {
    const { fixture, el } = await open('t1');
    http.expectOne('/api/tasks/t1').flush(aTask({ id: 't1', title: 'Old', version: 1 }));
    await flush();
    fixture.detectChanges();
    submit(el.querySelector('form'));
    await flush();
    http
      .expectOne({ method: 'PATCH', url: '/api/tasks/t1' })
      .flush(
        { type: 'x', title: 'Precondition failed', status: 412, detail: 'moved on' },
        { status: 412, statusText: 'Precondition Failed' },
      );
    await flush();
    fixture.detectChanges();
    expect(el.querySelector('[role=alert]')?.textContent).toContain('changed elsewhere');
  });

  it('shows a field error from the server next to its field', async () => {
    const { fixture, el } = await open('new');
    typeInto(byLabel(el, 'Title'), 'x');
    fixture.detectChanges();
    submit(el.querySelector('form'));
    await flush();
    http.expectOne({ method: 'POST', url: '/api/tasks' }).flush(
      {
        type: 'x',
        title: 'Your request is not valid',
        status: 400,
        detail: 'tags.0: a tag has no spaces',
        errors: [{ field: 'tags', message: 'a tag has no spaces, commas or #' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await flush();
    fixture.detectChanges();
    expect(el.textContent).toContain('a tag has no spaces, commas or #');
  });

  it('adds tags from the autocomplete field and removes them', async () => {
    const { fixture, el } = await open('new');
    const tag = byLabel(el, 'New tag');
    typeInto(tag, '#Home');
    tag.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    fixture.detectChanges();
    expect(el.querySelector('ul[aria-label="Tags on this task"]')?.textContent).toContain('#home');
    el.querySelector<HTMLButtonElement>('button[aria-label="Remove tag home"]')!.click();
    fixture.detectChanges();
    expect(el.querySelector('ul[aria-label="Tags on this task"] li')).toBeNull();
  });
});
