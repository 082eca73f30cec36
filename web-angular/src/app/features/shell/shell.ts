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
import { ListStore } from '../lists/list-store';
import { ListsMenu } from '../lists/lists-menu';
import { QuickAdd } from '../tasks/quick-add/quick-add';
import { TaskListStore } from '../tasks/task-list-store';
import { SavedViewsNav } from '../views/saved-views-nav';
import { TASK_VIEWS, VIEW_LABELS } from '../tasks/task-views';
import { isTypingTarget } from './keyboard';

/** The signed-in frame: navigation, quick-add, chat, live-connection state and toasts. */
@Component({
  selector: 'app-shell',
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    QuickAdd,
    ChatPanel,
    ToastHost,
    SavedViewsNav,
    ListsMenu,
  ],
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
      <app-saved-views-nav />
      <app-lists-menu />
      <div class="account">
        @if (notifications.permission() === 'default') {
          <button
            type="button"
            class="notify"
            aria-label="Enable notifications"
            (click)="notifications.requestPermission()"
          >
            <span class="wide-only">Enable notifications</span>
            <!-- A bell: "Notify me" in words no longer fit a 360 px header on one line. -->
            <svg class="narrow-only" aria-hidden="true" viewBox="0 0 24 24" width="22" height="22">
              <path d="M6 17v-6a6 6 0 0 1 12 0v6l2 2H4z" />
              <path d="M10 21a2 2 0 0 0 4 0" />
            </svg>
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
        <a
          class="settings-link"
          aria-label="Settings"
          routerLink="/settings"
          routerLinkActive="active"
          ariaCurrentWhenActive="page"
          ><span class="wide-only">Settings</span><span class="narrow-only" aria-hidden="true">⚙</span></a
        >
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
  styleUrl: './shell.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Shell implements OnDestroy {
  protected readonly session = inject(SessionStore);
  protected readonly notifications = inject(BrowserNotifications);
  protected readonly realtime = inject(RealtimeClient);
  protected readonly connectivity = inject(Connectivity);
  private readonly offline = inject(OfflineShell);
  private readonly store = inject(TaskListStore);
  private readonly lists = inject(ListStore);
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
      this.lists.clear();
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
    this.lists.clear();
    this.chat.forget();
    this.session.signOut();
    await this.router.navigateByUrl('/login');
  }
}
