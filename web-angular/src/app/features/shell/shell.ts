import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  type OnDestroy,
  signal,
  viewChild,
} from '@angular/core';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { SessionStore } from '../../core/auth/session-store';
import { Connectivity } from '../../core/offline/connectivity';
import { OfflineShell } from '../../core/offline/service-worker';
import { RealtimeClient } from '../../core/realtime/realtime-client';
import { ChatPanel } from '../chat/chat-panel';
import { ChatStore } from '../chat/chat-store';
import { BrowserNotifications } from '../notifications/browser-notifications';
import { ReminderNotifier } from '../notifications/reminder-notifier';
import { ToastHost } from '../notifications/toast-host';
import { QuickAdd } from '../tasks/quick-add/quick-add';
import { TaskListStore } from '../tasks/task-list-store';
import { TASK_VIEWS, VIEW_LABELS } from '../tasks/task-views';
import { isTypingTarget } from './keyboard';

/** The signed-in frame: navigation, quick-add, chat, live-connection state and toasts. */
@Component({
  selector: 'app-shell',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, QuickAdd, ChatPanel, ToastHost],
  host: {
    '(document:keydown)': 'onKeydown($event)',
    // For tests and curious users: the live connection's state and transport.
    '[attr.data-realtime]': 'realtime.status()',
    '[attr.data-transport]': 'realtime.transport()',
  },
  template: `
    <a class="skip-link" href="#main">Skip to content</a>
    <header class="top">
      <div class="brand">Todo</div>
      <nav aria-label="Views" class="views">
        @for (view of views; track view) {
          <a [routerLink]="['/tasks', view]" routerLinkActive="active" ariaCurrentWhenActive="page">{{
            labels[view]
          }}</a>
        }
      </nav>
      <div class="account">
        @if (notifications.permission() === 'default') {
          <button type="button" (click)="notifications.requestPermission()">
            <span class="wide-only">Enable notifications</span><span class="narrow-only">Notify me</span>
          </button>
        }
        <button
          type="button"
          [attr.aria-expanded]="chatOpen()"
          aria-controls="chat-panel"
          (click)="toggleChat()"
        >
          Chat
        </button>
        <span class="email" title="Signed in">{{ session.user()?.email }}</span>
        <button type="button" (click)="logOut()">Log out</button>
      </div>
    </header>
    @if (!connectivity.online()) {
      <div class="banner offline" role="status">Offline, read-only: these are your lists as last seen.</div>
    } @else if (disconnected()) {
      <div class="banner" role="status">Live updates disconnected — reconnecting…</div>
    }
    <div class="body">
      <main id="main" class="content">
        <!-- Offline the lists are copies: every control that would change them is disabled. -->
        <fieldset class="frame" [disabled]="!connectivity.online()">
          <app-quick-add />
          <router-outlet />
        </fieldset>
      </main>
      @if (chatOpen()) {
        <app-chat-panel id="chat-panel" (closed)="toggleChat()" />
      }
    </div>
    <app-toast-host />
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      height: 100dvh;
    }
    .top {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 1rem;
      padding: 0.5rem 1rem;
      background: #1e293b;
      color: #fff;
    }
    .brand {
      font-weight: 700;
      font-size: 1.1rem;
    }
    .views {
      display: flex;
      gap: 0.25rem;
      flex-wrap: wrap;
    }
    .views a {
      color: #e2e8f0;
      padding: 0.35rem 0.6rem;
      border-radius: 6px;
      text-decoration: none;
    }
    .views a.active {
      background: #fff;
      color: #1e293b;
      font-weight: 600;
    }
    .account {
      margin-left: auto;
      display: flex;
      gap: 0.5rem;
      align-items: center;
      flex-wrap: wrap;
    }
    .account .email {
      font-size: 0.85rem;
      color: #cbd5e1;
      max-width: 12rem;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .narrow-only {
      display: none;
    }
    /* A phone: the views become a bottom bar within the thumb's reach, the header keeps the
       brand and the account's buttons on one line, and every target is 44 px tall. */
    @media (max-width: 480px) {
      .account .email {
        display: none;
      }
      .wide-only {
        display: none;
      }
      .narrow-only {
        display: inline;
      }
      .top {
        flex-wrap: nowrap;
        padding: 0.25rem 0.5rem;
        gap: 0.5rem;
      }
      .account {
        flex-wrap: nowrap;
        gap: 0.35rem;
      }
      .account button {
        min-height: 44px;
        padding: 0.3rem 0.6rem;
      }
      .views {
        position: fixed;
        left: 0;
        right: 0;
        bottom: 0;
        z-index: 5;
        display: grid;
        grid-template-columns: repeat(4, 1fr);
        gap: 0;
        padding: 0.25rem 0.25rem calc(0.25rem + env(safe-area-inset-bottom));
        background: #1e293b;
        border-top: 1px solid #334155;
      }
      .views a {
        display: flex;
        align-items: center;
        justify-content: center;
        min-height: 48px;
        padding: 0 0.25rem;
        font-size: 0.9rem;
        text-align: center;
      }
    }
    .banner {
      background: #fef3c7;
      color: #78350f;
      padding: 0.4rem 1rem;
      font-weight: 600;
    }
    .frame {
      display: contents;
    }
    .banner.offline {
      background: #e2e8f0;
      color: #0f172a;
    }
    .body {
      flex: 1;
      display: flex;
      min-height: 0;
    }
    .content {
      flex: 1;
      display: flex;
      flex-direction: column;
      min-width: 0;
      padding: 0.75rem 1rem 0;
    }
    app-chat-panel {
      width: min(24rem, 100vw);
      border-left: 1px solid #cbd5e1;
    }
    @media (max-width: 700px) {
      app-chat-panel {
        position: fixed;
        inset: 0;
        width: 100vw;
        z-index: 10;
        background: #fff;
      }
    }
    @media (max-width: 480px) {
      .body {
        /* Room for the bottom bar: nothing scrolls under it. */
        padding-bottom: calc(56px + env(safe-area-inset-bottom));
      }
      .content {
        padding: 0.5rem 0.5rem 0;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Shell implements OnDestroy {
  protected readonly session = inject(SessionStore);
  protected readonly notifications = inject(BrowserNotifications);
  protected readonly realtime = inject(RealtimeClient);
  protected readonly connectivity = inject(Connectivity);
  private readonly offline = inject(OfflineShell);
  private readonly store = inject(TaskListStore);
  private readonly chat = inject(ChatStore);
  private readonly router = inject(Router);
  private readonly quickAdd = viewChild.required(QuickAdd);

  protected readonly views = TASK_VIEWS;
  protected readonly labels = VIEW_LABELS;
  protected readonly chatOpen = signal(false);
  protected readonly disconnected = computed(() => this.realtime.status() === 'disconnected');

  constructor() {
    inject(ReminderNotifier);
    this.realtime.start();
    // Signed out elsewhere (expired token, 401, another tab): stop the stream and go to log in.
    effect(() => {
      if (this.session.signedIn()) return;
      this.offline.forget();
      this.realtime.stop();
      this.store.clear();
      this.chat.forget();
      void this.router.navigateByUrl('/login');
    });
  }

  ngOnDestroy(): void {
    this.realtime.stop();
  }

  protected toggleChat(): void {
    this.chatOpen.update((open) => !open);
  }

  protected onKeydown(event: KeyboardEvent): void {
    if (
      event.key === 'q' &&
      !event.ctrlKey &&
      !event.metaKey &&
      !event.altKey &&
      !isTypingTarget(event.target)
    ) {
      event.preventDefault();
      this.quickAdd().focus();
    } else if (event.key === 'Escape' && this.chatOpen()) {
      this.chatOpen.set(false);
    }
  }

  protected async logOut(): Promise<void> {
    // Nothing of this user may stay in memory (or in the offline copies) for the next one.
    this.offline.forget();
    this.realtime.stop();
    this.store.clear();
    this.chat.forget();
    this.session.signOut();
    await this.router.navigateByUrl('/login');
  }
}
