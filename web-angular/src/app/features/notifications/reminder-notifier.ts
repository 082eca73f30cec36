import { DestroyRef, Injectable, inject } from '@angular/core';
import { Router } from '@angular/router';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { filter } from 'rxjs';
import { TasksApi } from '../../core/api/tasks-api';
import { toUiError } from '../../core/api/problem';
import { RealtimeClient } from '../../core/realtime/realtime-client';
import type { ReminderDueMessage, RealtimeMessage } from '../../core/realtime/realtime-message';
import { TaskListStore } from '../tasks/task-list-store';
import { BrowserNotifications } from './browser-notifications';
import { ToastService } from './toast-service';

export const SNOOZE_CHOICES_MINUTES = [10, 60] as const;

/** A fired reminder becomes a toast (with snooze) and, if allowed, a browser notification. */
@Injectable({ providedIn: 'root' })
export class ReminderNotifier {
  private readonly api = inject(TasksApi);
  private readonly store = inject(TaskListStore);
  private readonly toasts = inject(ToastService);
  private readonly browser = inject(BrowserNotifications);
  private readonly router = inject(Router);

  constructor() {
    inject(RealtimeClient)
      .messages$.pipe(
        filter((m: RealtimeMessage): m is ReminderDueMessage => m.type === 'reminder.due'),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((message) => void this.notify(message));
  }

  async notify(message: ReminderDueMessage): Promise<void> {
    const title = await this.titleOf(message.taskId);
    this.toasts.show(`Reminder: ${title}`, {
      kind: 'reminder',
      timeoutMs: null,
      actions: [
        ...SNOOZE_CHOICES_MINUTES.map((minutes) => {
          const label = minutes < 60 ? `Snooze ${minutes} min` : `Snooze ${minutes / 60} h`;
          // The accessible name starts with the visible text (WCAG 2.5.3) and names the task.
          return { label, ariaLabel: `${label}: ${title}`, run: () => this.snooze(message, minutes) };
        }),
        { label: 'Dismiss', ariaLabel: `Dismiss: ${title}`, run: () => undefined },
      ],
    });
    // Clicking the system notification opens the task.
    this.browser.notify('Reminder', title, `${message.taskId}:${message.reminderId}`, () => {
      void this.router.navigate(['/task', message.taskId]);
    });
  }

  private async snooze(message: ReminderDueMessage, minutes: number): Promise<void> {
    try {
      await this.api.snooze(message.taskId, message.reminderId, minutes);
      this.toasts.show(`Snoozed for ${minutes < 60 ? `${minutes} minutes` : `${minutes / 60} hour`}`);
    } catch (error) {
      this.toasts.error(toUiError(error).message);
    }
  }

  private async titleOf(taskId: string): Promise<string> {
    const known = this.store.lookup(taskId);
    if (known) return known.title;
    try {
      return (await this.api.get(taskId)).title;
    } catch {
      return 'a task';
    }
  }
}
