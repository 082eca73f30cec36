import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { describe, expect, it, jest } from '@jest/globals';
import { aTask } from '../../../testing/tasks';
import { TaskListStore } from '../tasks/task-list-store';
import { NOTIFICATION_API, type NotificationApi } from './browser-notifications';
import { ReminderNotifier } from './reminder-notifier';
import { ToastService } from './toast-service';
import { provideFixedClock } from '../../../testing/clock';

const flush = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe('ReminderNotifier', () => {
  it('shows a toast and a browser notification, and snoozes from the toast', async () => {
    const shown: [string, NotificationOptions][] = [];
    const clicks: (() => void)[] = [];
    const api: NotificationApi = {
      permission: 'granted',
      requestPermission: async () => 'granted',
      show: (title, options, onClick) => {
        shown.push([title, options]);
        clicks.push(onClick);
      },
    };
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: '**', children: [] }]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideFixedClock('2026-06-15T12:00:00Z', 'Europe/Paris'),
        { provide: NOTIFICATION_API, useValue: api },
      ],
    });
    TestBed.inject(TaskListStore).upsert(aTask({ id: 't1', title: 'Call the dentist' }));
    const notifier = TestBed.inject(ReminderNotifier);
    const toasts = TestBed.inject(ToastService);
    const http = TestBed.inject(HttpTestingController);

    await notifier.notify({
      type: 'reminder.due',
      position: '5',
      taskId: 't1',
      reminderId: 'r1',
      scheduledFor: '2026-01-01T09:00:00Z',
      firedAt: '2026-01-01T09:00:00Z',
    });
    const toast = toasts.toasts()[0]!;
    expect(toast.message).toBe('Reminder: Call the dentist');
    expect(shown).toEqual([['Reminder', { body: 'Call the dentist', tag: 't1:r1' }]]);
    clicks[0]!();
    await new Promise((r) => setTimeout(r, 0));
    expect(TestBed.inject(Router).url).toBe('/task/t1');

    const snooze = toast.actions.find((a) => a.label === 'Snooze 10 min')!;
    void toasts.runAction(toast, snooze);
    const request = http.expectOne('/api/tasks/t1/reminders/r1/snooze');
    expect(request.request.body).toEqual({ minutes: 10 });
    request.flush({});
    await flush();
    expect(toasts.toasts().map((t) => t.message)).toEqual(['Snoozed for 10 minutes']);
  });

  it('does not show a browser notification without permission', async () => {
    const show = jest.fn();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideFixedClock('2026-06-15T12:00:00Z', 'Europe/Paris'),
        {
          provide: NOTIFICATION_API,
          useValue: { permission: 'default', requestPermission: async () => 'default', show },
        },
      ],
    });
    TestBed.inject(TaskListStore).upsert(aTask({ id: 't1' }));
    await TestBed.inject(ReminderNotifier).notify({
      type: 'reminder.due',
      position: '1',
      taskId: 't1',
      reminderId: 'r',
      scheduledFor: '',
      firedAt: '',
    });
    expect(show).not.toHaveBeenCalled();
    expect(TestBed.inject(ToastService).toasts()).toHaveLength(1);
  });
});
