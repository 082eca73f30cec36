import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { ParseResult } from '@todo/contracts';
import { aTask } from '../../../../testing/tasks';
import { type FixedClock, fixedClock, provideFixedClock } from '../../../../testing/clock';
import { byLabel, typeInto } from '../../../../testing/dom';
import { PARSE_DEBOUNCE_MS, QuickAdd } from './quick-add';

const TEXT = 'Pay rent every month on the 1st p1 @home';
const PARSED: ParseResult = {
  text: TEXT,
  intent: 'create_task',
  task: {
    title: 'Pay rent',
    dueAt: '2026-12-01T00:00:00+00:00',
    allDay: true,
    priority: 'high',
    tags: ['home'],
    recurrence: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=1', anchor: 'schedule' },
  },
  spans: [
    { field: 'recurrence', start: 9, end: 31, text: 'every month on the 1st' },
    { field: 'priority', start: 32, end: 34, text: 'p1' },
    { field: 'tags', start: 35, end: 40, text: '@home' },
  ],
  now: '2026-11-26T07:00:00Z',
  timezone: 'UTC',
};

const flush = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe('QuickAdd', () => {
  // "Now" is the moment the engine parsed at; the chips are relative to the injected clock.
  let clock: FixedClock;
  beforeEach(() => {
    jest.useFakeTimers();
    clock = fixedClock(PARSED.now);
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideFixedClock(clock, 'Pacific/Kiritimati'),
      ],
    });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('parses after a pause in typing, then highlights and shows chips', async () => {
    const fixture = TestBed.createComponent(QuickAdd);
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    const http = TestBed.inject(HttpTestingController);
    const box = byLabel(el, 'Add task');

    typeInto(box, 'Pay rent');
    typeInto(box, TEXT);
    jest.advanceTimersByTime(PARSE_DEBOUNCE_MS - 1);
    http.expectNone('/api/nl/parse');
    jest.advanceTimersByTime(1);
    const request = http.expectOne('/api/nl/parse');
    expect(request.request.body).toEqual({ text: TEXT, timezone: 'Pacific/Kiritimati' });
    request.flush(PARSED);
    await flush();
    fixture.detectChanges();

    const marks = [...el.querySelectorAll('mark')].map((m) => [m.className, m.textContent]);
    expect(marks).toEqual([
      ['hl hl-recurrence', 'every month on the 1st'],
      ['hl hl-priority', 'p1'],
      ['hl hl-tags', '@home'],
    ]);
    const chips = [...el.querySelectorAll('ul[aria-label="What will be saved"] li')].map((li) =>
      li.textContent?.trim(),
    );
    expect(chips).toEqual(['Pay rent', 'Due Tue 1 Dec', 'Every month on the 1st', 'Priority high', '@home']);
  });

  it('says Today on the due day itself, by the injected clock', async () => {
    clock.set('2026-12-01T09:00:00Z');
    const fixture = TestBed.createComponent(QuickAdd);
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    typeInto(byLabel(el, 'Add task'), TEXT);
    jest.advanceTimersByTime(PARSE_DEBOUNCE_MS);
    TestBed.inject(HttpTestingController).expectOne('/api/nl/parse').flush(PARSED);
    await flush();
    fixture.detectChanges();
    expect(el.querySelector('.chip-dueAt')?.textContent?.trim()).toBe('Due Today');
  });

  it('creates the task from what was understood and clears the box', async () => {
    const fixture = TestBed.createComponent(QuickAdd);
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    const http = TestBed.inject(HttpTestingController);
    typeInto(byLabel(el, 'Add task'), TEXT);
    jest.advanceTimersByTime(PARSE_DEBOUNCE_MS);
    http.expectOne('/api/nl/parse').flush(PARSED);
    await flush();
    fixture.detectChanges();

    el.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await flush();
    const create = http.expectOne('/api/tasks');
    expect(create.request.headers.get('Idempotency-Key')).toBeTruthy();
    expect(create.request.body).toEqual({
      title: 'Pay rent',
      timezone: 'UTC',
      dueAt: '2026-12-01T00:00:00+00:00',
      allDay: true,
      priority: 'high',
      tags: ['home'],
      recurrence: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=1', anchor: 'schedule' },
    });
    create.flush({ id: 't1', version: 1 }, { status: 201, statusText: 'Created' });
    await flush();
    http.expectOne('/api/tasks/t1').flush(aTask({ id: 't1', title: 'Pay rent' }));
    await flush();
    fixture.detectChanges();
    expect((byLabel(el, 'Add task') as HTMLInputElement).value).toBe('');
  });

  it('still adds the text as a title, in the user’s zone, when the engine is unavailable', async () => {
    const fixture = TestBed.createComponent(QuickAdd);
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    const http = TestBed.inject(HttpTestingController);
    typeInto(byLabel(el, 'Add task'), 'Buy milk');
    jest.advanceTimersByTime(PARSE_DEBOUNCE_MS);
    http.expectOne('/api/nl/parse').flush(null, { status: 503, statusText: 'Unavailable' });
    await flush();

    el.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await flush();
    // The box parses again at submit (its last reading failed): the engine is still down.
    for (const again of http.match('/api/nl/parse'))
      again.flush(null, { status: 503, statusText: 'Unavailable' });
    await flush();
    expect(http.expectOne('/api/tasks').request.body).toEqual({
      title: 'Buy milk',
      timezone: 'Pacific/Kiritimati',
    });
  });
});
