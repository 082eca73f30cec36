import { computed, DestroyRef, Injectable, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { ListView } from '@todo/contracts';
import { ListsApi } from '../../core/api/lists-api';
import { toUiError } from '../../core/api/problem';
import { RealtimeClient } from '../../core/realtime/realtime-client';
import type { RealtimeMessage } from '../../core/realtime/realtime-message';

const byOrder = (a: ListView, b: ListView) =>
  a.order - b.order || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

/**
 * The user's lists (archived ones too, for the chips of their tasks), in their order, kept
 * current by the realtime `list.*` messages and by the answers to this client's writes.
 */
@Injectable({ providedIn: 'root' })
export class ListStore {
  private readonly api = inject(ListsApi);
  private readonly realtime = inject(RealtimeClient);

  /** Every list, archived ones too (filters name them, their tasks show their chip). */
  readonly all = signal<ListView[]>([]);
  readonly error = signal<string | null>(null);
  /** What the navigation shows: the lists not archived. */
  readonly active = computed(() => this.all().filter((l) => !l.archived));
  readonly byId = computed(() => new Map(this.all().map((l) => [l.id, l])));

  constructor() {
    this.realtime.messages$.pipe(takeUntilDestroyed(inject(DestroyRef))).subscribe((m) => this.apply(m));
  }

  async load(): Promise<void> {
    try {
      this.all.set((await this.api.list({ archived: true })).sort(byOrder));
      this.error.set(null);
    } catch (error) {
      this.error.set(toUiError(error).message);
    }
  }

  lookup(id: string | null): ListView | undefined {
    return id === null ? undefined : this.byId().get(id);
  }

  apply(message: RealtimeMessage): void {
    if (message.type === 'list.upserted') this.upsert(message.list);
    else if (message.type === 'list.deleted')
      this.all.update((l) => l.filter((x) => x.id !== message.listId));
    else if (message.type === 'resync') void this.load();
  }

  async create(name: string): Promise<string> {
    const { id } = await this.api.create({ name, order: this.all().length });
    await this.load();
    return id;
  }

  async update(id: string, changes: { name?: string; archived?: boolean }): Promise<void> {
    await this.api.update(id, changes);
    await this.load();
  }

  async delete(id: string, tasks: 'inbox' | 'delete'): Promise<void> {
    await this.api.delete(id, tasks);
    this.all.update((l) => l.filter((x) => x.id !== id));
  }

  clear(): void {
    this.all.set([]);
  }

  private upsert(list: ListView): void {
    const known = this.byId().get(list.id);
    if (known && known.version > list.version) return;
    this.all.update((lists) => [...lists.filter((l) => l.id !== list.id), list].sort(byOrder));
  }
}
