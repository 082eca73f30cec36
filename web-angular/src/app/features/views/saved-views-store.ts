import { DestroyRef, Injectable, effect, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { SavedViewWithCount } from '@todo/contracts';
import { toUiError } from '../../core/api/problem';
import { ViewsApi } from '../../core/api/views-api';
import { SessionStore } from '../../core/auth/session-store';
import { RealtimeClient } from '../../core/realtime/realtime-client';
import type { RealtimeMessage } from '../../core/realtime/realtime-message';

/** The messages after which a view's list or count may differ: every change of a task or a view. */
const STALE_AFTER = new Set<RealtimeMessage['type']>([
  'views.changed',
  'task.upserted',
  'task.deleted',
  'resync',
]);

/**
 * The user's saved views with their counts, kept current over the realtime channel: a view
 * saved, renamed or deleted in another tab, and every task change (which may move a count),
 * reload `GET /api/views`. Reloads coalesce: while one is on its way, any number of changes
 * ask for one more after it, never one per message.
 */
@Injectable({ providedIn: 'root' })
export class SavedViewsStore {
  private readonly api = inject(ViewsApi);
  private readonly realtime = inject(RealtimeClient);

  readonly views = signal<SavedViewWithCount[]>([]);
  /** The version of the views as a whole: If-Match of a reorder. */
  readonly version = signal(0);
  readonly loaded = signal(false);
  readonly error = signal<string | null>(null);

  private inFlight: Promise<void> | null = null;
  private again = false;
  private generation = 0;

  constructor() {
    this.realtime.messages$.pipe(takeUntilDestroyed(inject(DestroyRef))).subscribe((message) => {
      const reconnected = message.type === 'hello' && this.loaded();
      if (STALE_AFTER.has(message.type) || reconnected) void this.refresh();
    });
    const session = inject(SessionStore);
    effect(() => {
      if (!session.signedIn()) this.clear();
    });
  }

  find(id: string): SavedViewWithCount | undefined {
    return this.views().find((v) => v.id === id);
  }

  /** Reads the views now, or once more after the read on its way (see the class comment). */
  refresh(): Promise<void> {
    if (this.inFlight) {
      this.again = true;
      return this.inFlight;
    }
    const generation = this.generation;
    this.inFlight = (async () => {
      do {
        this.again = false;
        try {
          const list = await this.api.list();
          if (generation !== this.generation) return;
          this.views.set(list.items);
          this.version.set(list.version);
          this.loaded.set(true);
          this.error.set(null);
        } catch (error) {
          if (generation === this.generation) this.error.set(toUiError(error).message);
        }
      } while (this.again && generation === this.generation);
    })().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /** Saves a filter as a view; its id once saved (the list reloads, so the nav shows it at once). */
  async create(name: string, filter: string): Promise<string> {
    const { id } = await this.api.create({ name, filter });
    await this.refresh();
    return id;
  }

  async rename(view: SavedViewWithCount, name: string): Promise<void> {
    await this.api.update(view.id, { name }, view.version);
    await this.refresh();
  }

  /** Moves a view one place up (-1) or down (+1) in the order. */
  async move(view: SavedViewWithCount, by: -1 | 1): Promise<void> {
    const order = this.views().map((v) => v.id);
    const from = order.indexOf(view.id);
    const to = from + by;
    if (from < 0 || to < 0 || to >= order.length) return;
    [order[from], order[to]] = [order[to]!, order[from]!];
    await this.api.reorder(order, this.version());
    await this.refresh();
  }

  async remove(view: SavedViewWithCount): Promise<void> {
    await this.api.delete(view.id, view.version);
    await this.refresh();
  }

  clear(): void {
    this.generation++;
    this.again = false;
    this.views.set([]);
    this.version.set(0);
    this.loaded.set(false);
    this.error.set(null);
  }
}

/** "3", "999+" (the server stops counting at its cap), or "" when the filter cannot be counted. */
export function countLabel(view: Pick<SavedViewWithCount, 'count' | 'countCapped'>): string {
  if (view.count === null) return '';
  return view.countCapped ? `${view.count - 1}+` : String(view.count);
}
