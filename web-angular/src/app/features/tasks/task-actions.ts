import { Injectable, inject } from '@angular/core';
import type { CreateTaskBody, TaskView } from '@todo/contracts';
import { TasksApi } from '../../core/api/tasks-api';
import { toUiError } from '../../core/api/problem';
import { ToastService } from '../notifications/toast-service';
import { TaskListStore } from './task-list-store';

/** Complete, reopen and delete, each followed by a toast whose Undo reverses it. */
@Injectable({ providedIn: 'root' })
export class TaskActions {
  private readonly api = inject(TasksApi);
  private readonly store = inject(TaskListStore);
  private readonly toasts = inject(ToastService);

  async complete(task: TaskView): Promise<void> {
    if (!(await this.run(() => this.api.complete(task.id), task.id))) return;
    this.toasts.show(`Completed “${task.title}”`, {
      actions: [
        { label: 'Undo', ariaLabel: `Undo completing ${task.title}`, run: () => this.reopen(task, false) },
      ],
    });
  }

  async reopen(task: TaskView, offerUndo = true): Promise<void> {
    if (!(await this.run(() => this.api.reopen(task.id), task.id))) return;
    if (!offerUndo) return;
    this.toasts.show(`Reopened “${task.title}”`, {
      actions: [{ label: 'Undo', ariaLabel: `Undo reopening ${task.title}`, run: () => this.complete(task) }],
    });
  }

  async delete(task: TaskView): Promise<void> {
    try {
      await this.api.delete(task.id);
      this.store.remove(task.id);
    } catch (error) {
      this.toasts.error(toUiError(error).message);
      return;
    }
    // A deleted task stays deleted (it is the audit trail); undo creates it again.
    this.toasts.show(`Deleted “${task.title}”`, {
      actions: [{ label: 'Undo', ariaLabel: `Undo deleting ${task.title}`, run: () => this.restore(task) }],
    });
  }

  private async restore(task: TaskView): Promise<void> {
    const body: CreateTaskBody = {
      title: task.title,
      description: task.description,
      priority: task.priority,
      tags: task.tags,
      dueAt: task.dueAt,
      allDay: task.allDay,
      timezone: task.timezone,
      recurrence: task.recurrence,
      reminders: task.reminders,
    };
    try {
      const { id } = await this.api.create(body);
      await this.store.refresh(id);
    } catch (error) {
      this.toasts.error(toUiError(error).message);
    }
  }

  private async run(write: () => Promise<unknown>, id: string): Promise<boolean> {
    try {
      await write();
      await this.store.refresh(id);
      return true;
    } catch (error) {
      this.toasts.error(toUiError(error).message);
      return false;
    }
  }
}
