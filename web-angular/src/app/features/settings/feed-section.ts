import { ChangeDetectionStrategy, Component, DOCUMENT, inject, signal, type OnInit } from '@angular/core';
import { CalendarFeedApi } from '../../core/api/calendar-feed-api';
import { toUiError } from '../../core/api/problem';
import { TIME_ZONE } from '../../core/time/clock';

type FeedState =
  | { kind: 'loading' }
  | { kind: 'none' }
  /** A feed exists; its URL was shown once, when it was made (the server keeps only a hash). */
  | { kind: 'active'; createdAt: string; url: string | null };

/**
 * The calendar feed: a secret URL a calendar app (Google, Apple) subscribes to. Made,
 * regenerated (the old URL stops working) and revoked here; the URL is shown once.
 */
@Component({
  selector: 'app-feed-section',
  template: `
    <section class="feed" aria-labelledby="feed-title">
      <h2 id="feed-title">Calendar feed</h2>
      <p>
        Subscribe to your open tasks with a due date from Google Calendar, Apple Calendar or any app that
        takes an iCal URL. Anyone who has the URL can read these tasks: keep it private.
      </p>
      @switch (state().kind) {
        @case ('loading') {
          <p role="status">Loading…</p>
        }
        @case ('none') {
          <p>You have no calendar feed.</p>
          <button type="button" (click)="regenerate()" [disabled]="busy()">Create feed URL</button>
        }
        @case ('active') {
          @if (url(); as shown) {
            <label for="feed-url">Your feed URL (shown only now: copy it)</label>
            <div class="url">
              <input id="feed-url" type="text" readonly [value]="shown" (focus)="select($event)" />
              <button type="button" (click)="copy(shown)">Copy</button>
            </div>
            <p>
              <a [href]="webcal(shown)">Open in Apple Calendar</a> · In Google Calendar: Other calendars, +,
              From URL, and paste it.
            </p>
            @if (copied()) {
              <p role="status">Copied.</p>
            }
          } @else {
            <p>
              Your feed was made on <time [attr.datetime]="createdAt()">{{ createdAtText() }}</time>. Its URL
              was shown once; regenerate it to get a new one.
            </p>
          }
          <div class="actions">
            <button type="button" (click)="regenerate()" [disabled]="busy()">Regenerate URL</button>
            <button type="button" class="danger" (click)="revoke()" [disabled]="busy()">Revoke</button>
          </div>
          <p class="hint">Regenerating or revoking stops the old URL at once.</p>
        }
      }
      @if (error(); as message) {
        <p role="alert" class="error">{{ message }}</p>
      }
    </section>
  `,
  styles: `
    .feed {
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
    }
    .url,
    .actions {
      display: flex;
      gap: 0.5rem;
    }
    .url input {
      flex: 1;
      min-width: 0;
      font-family: monospace;
    }
    button {
      min-height: 44px;
    }
    .danger {
      color: #b00020;
    }
    .error {
      color: #b00020;
    }
    .hint {
      font-size: 0.875rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FeedSection implements OnInit {
  private readonly api = inject(CalendarFeedApi);
  private readonly zone = inject(TIME_ZONE);
  private readonly origin = inject(DOCUMENT).location.origin;

  readonly state = signal<FeedState>({ kind: 'loading' });
  readonly busy = signal(false);
  readonly copied = signal(false);
  readonly error = signal<string | null>(null);

  async ngOnInit(): Promise<void> {
    await this.run(async () => {
      const status = await this.api.status();
      this.state.set(status ? { kind: 'active', createdAt: status.createdAt, url: null } : { kind: 'none' });
    });
  }

  url(): string | null {
    const state = this.state();
    return state.kind === 'active' ? state.url : null;
  }

  createdAt(): string {
    const state = this.state();
    return state.kind === 'active' ? state.createdAt : '';
  }

  createdAtText(): string {
    const at = this.createdAt();
    if (!at) return '';
    return new Intl.DateTimeFormat(undefined, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: this.zone.current(),
    }).format(new Date(at));
  }

  /** The same URL for apps that subscribe from a webcal: link (Apple Calendar). */
  webcal(url: string): string {
    return url.replace(/^https?:/, 'webcal:');
  }

  async regenerate(): Promise<void> {
    await this.run(async () => {
      const created = await this.api.regenerate();
      this.copied.set(false);
      this.state.set({ kind: 'active', createdAt: created.createdAt, url: this.origin + created.path });
    });
  }

  async revoke(): Promise<void> {
    await this.run(async () => {
      await this.api.revoke();
      this.state.set({ kind: 'none' });
    });
  }

  async copy(url: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(url);
      this.copied.set(true);
    } catch {
      this.error.set('Copying is not allowed here: select the URL and copy it yourself.');
    }
  }

  select(event: Event): void {
    (event.target as HTMLInputElement).select();
  }

  private async run(action: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await action();
    } catch (error) {
      this.error.set(toUiError(error).message);
      if (this.state().kind === 'loading') this.state.set({ kind: 'none' });
    } finally {
      this.busy.set(false);
    }
  }
}
