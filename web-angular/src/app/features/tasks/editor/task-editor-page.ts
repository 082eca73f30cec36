import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import type { Priority, TaskView } from '@todo/contracts';
import { FIELD_LIMITS } from '../../../core/api/field-limits';
import { toUiError } from '../../../core/api/problem';
import { TasksApi } from '../../../core/api/tasks-api';
import { TIME_ZONE } from '../../../core/time/clock';
import { knownTimeZones } from '../../../core/time/zoned-time';
import { ToastService } from '../../notifications/toast-service';
import { RecurrenceBuilder } from '../recurrence/recurrence-builder';
import { TaskActions } from '../task-actions';
import { TaskListStore } from '../task-list-store';
import { ListStore } from '../../lists/list-store';
import {
  bodyFromDraft,
  draftFromTask,
  emptyDraft,
  normaliseTag,
  type ReminderDraft,
  type TaskDraft,
} from './editor-model';

/** Edits every field of a task (or creates one at /task/new); saves with If-Match. */
@Component({
  selector: 'app-task-editor-page',
  imports: [RouterLink, RecurrenceBuilder],
  templateUrl: './task-editor-page.html',
  styleUrl: './task-editor-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TaskEditorPage {
  private readonly api = inject(TasksApi);
  protected readonly lists = inject(ListStore);
  private readonly store = inject(TaskListStore);
  private readonly actions = inject(TaskActions);
  private readonly toasts = inject(ToastService);
  private readonly router = inject(Router);
  private readonly zone = inject(TIME_ZONE);

  /** Route parameter: a task id, or "new". */
  readonly id = input.required<string>();
  protected readonly isNew = computed(() => this.id() === 'new');
  protected readonly task = signal<TaskView | null>(null);
  protected readonly draft = signal<TaskDraft>(emptyDraft(this.zone.current()));
  protected readonly tagDraft = signal('');
  protected readonly busy = signal(false);
  protected readonly loadError = signal<string | null>(null);
  protected readonly formError = signal<string | null>(null);
  protected readonly fieldErrors = signal<Record<string, string>>({});
  protected readonly conflict = signal(false);
  protected readonly zones = knownTimeZones();
  protected readonly tagSuggestions = computed(() =>
    this.store.knownTags().filter((t) => !this.draft().tags.includes(t)),
  );
  protected readonly limits = FIELD_LIMITS;

  constructor() {
    effect(() => {
      const id = this.id();
      if (id === 'new') {
        this.task.set(null);
        this.draft.set(emptyDraft(this.zone.current()));
      } else void this.load(id);
    });
  }

  protected async load(id: string): Promise<void> {
    this.loadError.set(null);
    this.conflict.set(false);
    try {
      const task = await this.api.get(id);
      this.task.set(task);
      this.draft.set(draftFromTask(task));
    } catch (error) {
      this.loadError.set(
        toUiError(error).status === 404
          ? 'This task does not exist (or was deleted).'
          : toUiError(error).message,
      );
    }
  }

  protected patch(change: Partial<TaskDraft>): void {
    this.draft.update((d) => ({ ...d, ...change }));
  }

  protected text(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  protected setList(value: string): void {
    this.patch({ listId: value || null });
  }

  protected setPriority(value: string): void {
    this.patch({ priority: value as Priority });
  }

  protected addTag(event?: Event): void {
    event?.preventDefault();
    const tag = normaliseTag(this.tagDraft());
    this.tagDraft.set('');
    if (!tag || tag.length > FIELD_LIMITS.TAG_MAX) return;
    const tags = this.draft().tags;
    if (!tags.includes(tag) && tags.length < FIELD_LIMITS.TAGS_MAX) this.patch({ tags: [...tags, tag] });
  }

  protected removeTag(tag: string): void {
    this.patch({ tags: this.draft().tags.filter((t) => t !== tag) });
  }

  protected addReminder(): void {
    if (this.draft().reminders.length >= FIELD_LIMITS.REMINDERS_MAX) return;
    this.patch({ reminders: [...this.draft().reminders, { kind: 'before', minutes: 30, at: '' }] });
  }

  protected updateReminder(index: number, change: Partial<ReminderDraft>): void {
    this.patch({ reminders: this.draft().reminders.map((r, i) => (i === index ? { ...r, ...change } : r)) });
  }

  protected removeReminder(index: number): void {
    this.patch({ reminders: this.draft().reminders.filter((_, i) => i !== index) });
  }

  protected async save(event: Event): Promise<void> {
    event.preventDefault();
    this.formError.set(null);
    this.fieldErrors.set({});
    const body = bodyFromDraft(this.draft());
    if (!body.title) {
      this.fieldErrors.set({ title: 'Give the task a title.' });
      return;
    }
    this.busy.set(true);
    try {
      const task = this.task();
      const { id } = task ? await this.api.update(task.id, body, task.version) : await this.api.create(body);
      await this.store.refresh(id);
      this.toasts.show(task ? 'Saved' : `Added “${body.title}”`);
      await this.router.navigate(['/tasks', 'all']);
    } catch (error) {
      const ui = toUiError(error);
      if (ui.status === 412) this.conflict.set(true);
      else {
        this.fieldErrors.set(ui.fields);
        this.formError.set(ui.message);
      }
    } finally {
      this.busy.set(false);
    }
  }

  protected async toggleDone(): Promise<void> {
    const task = this.task();
    if (!task) return;
    await (task.status === 'completed' ? this.actions.reopen(task) : this.actions.complete(task));
    await this.load(task.id);
  }

  protected async remove(): Promise<void> {
    const task = this.task();
    if (!task) return;
    await this.actions.delete(task);
    await this.router.navigate(['/tasks', 'all']);
  }
}
