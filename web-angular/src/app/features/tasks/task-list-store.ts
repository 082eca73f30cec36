import { HttpErrorResponse } from '@angular/common/http';
import { computed, DestroyRef, Injectable, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { TaskView } from '@todo/contracts';
import { type TaskQuery, TasksApi } from '../../core/api/tasks-api';
import { toUiError } from '../../core/api/problem';
import { RealtimeClient } from '../../core/realtime/realtime-client';
import { CLOCK, TIME_ZONE } from '../../core/time/clock';
import type { RealtimeMessage } from '../../core/realtime/realtime-message';
import { ListStore } from '../lists/list-store';
import { compareTasks, matchesQuery } from './task-views';

/**
 * The task list on screen: one query, its pages loaded as the user scrolls, kept current
 * by realtime messages (placed with the same filter and order the server uses) and by the
 * answers to this client's own writes (read-your-writes even while disconnected).
 */
@Injectable({ providedIn: 'root' })
export class TaskListStore {
  private readonly api = inject(TasksApi);
  private readonly realtime = inject(RealtimeClient);
  private readonly clock = inject(CLOCK);
  private readonly zone = inject(TIME_ZONE);
  private readonly lists = inject(ListStore);

  readonly query = signal<TaskQuery | null>(null);
  readonly items = signal<TaskView[]>([]);
  readonly nextCursor = signal<string | null>(null);
  readonly loading = signal(false);
  readonly error = signal<string | null>(null);
  readonly loaded = signal(false);
  /** Every tag seen, for autocomplete. */
  readonly knownTags = computed(() => [...new Set(this.items().flatMap((t) => t.tags))].sort());

  /** Tasks by id for anyone who needs a title (toasts, notifications) outside the current view. */
  private readonly seen = new Map<string, TaskView>();
  private requestId = 0;
  /** Messages that came while the list was being read: applied again on top of the page. */
  private duringLoad: RealtimeMessage[] | null = null;
  /** The list was read before the stream started: a change in between may be missing. */
  private readBeforeStream = false;

  constructor() {
    this.realtime.messages$.pipe(takeUntilDestroyed(inject(DestroyRef))).subscribe((message) => {
      this.duringLoad?.push(message);
      this.apply(message);
    });
  }

  lookup(id: string): TaskView | undefined {
    return this.seen.get(id);
  }

  async load(query: TaskQuery): Promise<void> {
    const id = ++this.requestId;
    this.query.set(query);
    this.loading.set(true);
    this.error.set(null);
    try {
      // Read only once the stream delivers every change from here on (no window between
      // the read and the stream); what comes during the read is applied on top of it.
      if (!this.realtime.isReady) {
        await this.realtime.ready();
        if (id !== this.requestId) return;
      }
      const streaming = this.realtime.streaming();
      const duringLoad: RealtimeMessage[] = [];
      this.duringLoad = duringLoad;
      const page = await this.api.list(query);
      if (id !== this.requestId) return;
      this.duringLoad = null;
      page.items.forEach((t) => this.seen.set(t.id, t));
      this.items.set(page.items);
      this.nextCursor.set(page.nextCursor);
      this.loaded.set(true);
      this.readBeforeStream = !streaming;
      duringLoad.forEach((message) => this.apply(message));
    } catch (error) {
      if (id === this.requestId) this.error.set(toUiError(error).message);
    } finally {
      if (id === this.requestId) this.loading.set(false);
    }
  }

  async loadMore(): Promise<void> {
    const query = this.query();
    const cursor = this.nextCursor();
    if (!query || !cursor || this.loading()) return;
    const id = this.requestId;
    this.loading.set(true);
    try {
      const page = await this.api.list({ ...query, cursor });
      if (id !== this.requestId) return;
      page.items.forEach((t) => this.seen.set(t.id, t));
      const have = new Set(this.items().map((t) => t.id));
      this.items.update((list) => [...list, ...page.items.filter((t) => !have.has(t.id))]);
      this.nextCursor.set(page.nextCursor);
    } catch (error) {
      if (id === this.requestId) this.error.set(toUiError(error).message);
    } finally {
      if (id === this.requestId) this.loading.set(false);
    }
  }

  reload(): Promise<void> {
    const query = this.query();
    return query ? this.load(query) : Promise.resolve();
  }

  /** Re-reads one task after this client wrote it, so the change shows without realtime. */
  async refresh(id: string): Promise<TaskView | null> {
    try {
      const task = await this.api.get(id);
      this.upsert(task);
      return task;
    } catch (error) {
      if (error instanceof HttpErrorResponse && error.status === 404) this.remove(id);
      return null;
    }
  }

  apply(message: RealtimeMessage): void {
    if (message.type === 'task.upserted') this.upsert(message.task);
    else if (message.type === 'task.deleted') this.remove(message.taskId);
    else if (message.type === 'resync') void this.reload();
    // The stream came up after the list was read (it could not connect then): read again.
    else if (message.type === 'hello' && this.readBeforeStream) void this.reload();
  }

  upsert(task: TaskView): void {
    const known = this.seen.get(task.id);
    // Messages and HTTP answers can cross; never let an older version replace a newer one.
    if (known && known.version > task.version) return;
    this.seen.set(task.id, task);
    const query = this.query();
    if (!query) return;
    const without = this.items().filter((t) => t.id !== task.id);
    const context = { now: this.clock.now(), zone: this.zone.current(), lists: this.lists.all() };
    if (!matchesQuery(task, query, context)) {
      if (without.length !== this.items().length) this.items.set(without);
      return;
    }
    const compare = compareTasks(query.sort ?? 'due', query.order ?? 'asc');
    const index = without.findIndex((t) => compare(task, t) < 0);
    // Past the last loaded row with more pages to come, the task belongs to a later page.
    if (index === -1 && this.nextCursor()) {
      this.items.set(without);
      return;
    }
    const at = index === -1 ? without.length : index;
    this.items.set([...without.slice(0, at), task, ...without.slice(at)]);
  }

  remove(id: string): void {
    this.seen.delete(id);
    this.items.update((list) => list.filter((t) => t.id !== id));
  }

  clear(): void {
    this.requestId++;
    this.duringLoad = null;
    this.readBeforeStream = false;
    this.seen.clear();
    this.items.set([]);
    this.query.set(null);
    this.nextCursor.set(null);
    this.loaded.set(false);
  }
}
