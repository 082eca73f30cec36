import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { describe, expect, it } from '@jest/globals';
import type { HistoryEntry } from '@todo/contracts';
import { aTask } from '../../../../testing/tasks';
import { HistoryPage } from './history-page';
import { provideFixedClock } from '../../../../testing/clock';

const entry = (version: number, type: string, data: unknown): HistoryEntry => ({
  id: `e${version}`,
  taskId: 't1',
  type,
  time: `2026-01-0${version}T09:00:00.000Z`,
  version,
  position: String(version),
  correlationId: 'c',
  causationId: null,
  data,
});

describe('HistoryPage', () => {
  it('shows the events as a timeline in words, oldest first', async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideFixedClock('2026-06-15T12:00:00Z', 'Asia/Tokyo'),
      ],
    });
    const fixture = TestBed.createComponent(HistoryPage);
    fixture.componentRef.setInput('id', 't1');
    fixture.detectChanges();
    const http = TestBed.inject(HttpTestingController);
    http.expectOne('/api/tasks/t1/history').flush({
      items: [
        entry(1, 'todo.task.created.v1', { title: 'Pay rent', spawnedFrom: null }),
        entry(2, 'todo.task.updated.v1', { changes: { dueAt: 'x', priority: 'high' } }),
        entry(3, 'todo.task.reminder-fired.v1', {}),
        entry(4, 'todo.task.reminder-emailed.v1', { outcome: 'delivered', attempts: 2 }),
        entry(5, 'todo.task.completed.v1', {}),
      ],
    });
    http.expectOne('/api/tasks/t1').flush(aTask({ id: 't1', title: 'Pay rent' }));
    await new Promise((r) => setTimeout(r, 0));
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('h1')?.textContent).toContain('History of “Pay rent”');
    const lines = [...el.querySelectorAll('ol li .what')].map((li) => li.textContent);
    expect(lines).toEqual([
      'Created “Pay rent”',
      'Changed due date, priority',
      'Reminder went off',
      'Reminder emailed (2 attempts)',
      'Completed',
    ]);
    expect(el.querySelector('ol li time')?.getAttribute('datetime')).toBe('2026-01-01T09:00:00.000Z');
    // Shown in the user's zone (pinned to Tokyo, UTC+9), whatever the machine's zone is.
    expect(el.querySelector('ol li time')?.textContent).toMatch(/\b(6:00:00\sPM|18:00:00)/);
  });
});
