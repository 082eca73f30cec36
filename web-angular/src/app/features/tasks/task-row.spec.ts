import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { describe, expect, it } from '@jest/globals';
import type { TaskView } from '@todo/contracts';
import { provideFixedClock } from '../../../testing/clock';
import { aTask } from '../../../testing/tasks';
import { ListStore } from '../lists/list-store';
import { TaskRow } from './task-row';

// Thirty seconds before the end of January, UTC: the row's words and its overdue mark come
// from the injected clock, so the month boundary is crossed on any machine and date.
const NOW = '2027-01-31T23:59:30Z';

function render(task: TaskView) {
  TestBed.configureTestingModule({ providers: [provideRouter([]), provideFixedClock(NOW, 'UTC')] });
  const fixture = TestBed.createComponent(TaskRow);
  fixture.componentRef.setInput('task', task);
  fixture.detectChanges();
  return fixture.nativeElement.querySelector('.chip-dueAt') as HTMLElement;
}

describe('TaskRow', () => {
  it('marks a task due a minute ago as overdue, today', () => {
    const chip = render(aTask({ dueAt: '2027-01-31T23:59:00.000Z' }));
    expect(chip.textContent?.trim()).toBe('Today 23:59');
    expect(chip.classList.contains('overdue')).toBe(true);
  });

  it('calls the first of the next month tomorrow, and not overdue', () => {
    const chip = render(aTask({ dueAt: '2027-02-01T00:00:00.000Z', allDay: true }));
    expect(chip.textContent?.trim()).toBe('Tomorrow');
    expect(chip.classList.contains('overdue')).toBe(false);
  });

  it('reads the day in the task zone: in Kiritimati (UTC+14) it is 1 Feb already, so 2 Feb is tomorrow', () => {
    const chip = render(aTask({ dueAt: '2027-02-01T10:00:00.000Z', timezone: 'Pacific/Kiritimati' }));
    // 10:00 UTC is 00:00 on 2 Feb in Kiritimati, where it is 13:59 on 1 Feb now.
    expect(chip.textContent?.trim()).toBe('Tomorrow 00:00');
  });

  it('given a rule that ends on a UTC instant, the row dates the end in the task zone, as the chat does', () => {
    const due = render(
      aTask({
        dueAt: '2027-01-04T14:00:00.000Z',
        timezone: 'America/New_York',
        recurrence: { rrule: 'FREQ=DAILY;UNTIL=20270131T045959Z', anchor: 'schedule' },
      }),
    );
    const chip = due.parentElement?.querySelector('.chip-recurrence');
    expect(chip?.textContent?.trim()).toBe('Every day, until January 30, 2027');
  });

  it('shows the task’s list as a #chip and its labels as @chips', () => {
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideFixedClock(NOW, 'UTC')] });
    TestBed.inject(ListStore).all.set([
      {
        id: 'l1',
        name: 'Work',
        colour: '#db4035',
        order: 0,
        archived: false,
        createdAt: NOW,
        updatedAt: NOW,
        version: 1,
      },
    ]);
    const fixture = TestBed.createComponent(TaskRow);
    fixture.componentRef.setInput('task', aTask({ listId: 'l1', tags: ['deck'] }));
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('.chip-list')?.textContent?.trim()).toBe('#Work');
    expect(element.querySelector('.chip-tags')?.textContent?.trim()).toBe('@deck');
    fixture.componentRef.setInput('task', aTask({ listId: null, tags: [] }));
    fixture.detectChanges();
    expect(element.querySelector('.chip-list')).toBeNull();
  });
});
