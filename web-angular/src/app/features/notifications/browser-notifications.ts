import { Injectable, InjectionToken, inject, signal } from '@angular/core';

/** The browser's Notification API, behind a token (absent in some browsers and in tests). */
export interface NotificationApi {
  permission: NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
  show(title: string, options: NotificationOptions, onClick: () => void): void;
}

export const NOTIFICATION_API = new InjectionToken<NotificationApi | null>('NOTIFICATION_API', {
  providedIn: 'root',
  factory: () =>
    typeof Notification === 'undefined'
      ? null
      : {
          get permission() {
            return Notification.permission;
          },
          requestPermission: () => Notification.requestPermission(),
          show: (title, options, onClick) => {
            const notification = new Notification(title, options);
            notification.onclick = () => {
              window.focus();
              notification.close();
              onClick();
            };
          },
        },
});

/** Browser notifications, only after the user said yes (asked from a button, never on load). */
@Injectable({ providedIn: 'root' })
export class BrowserNotifications {
  private readonly api = inject(NOTIFICATION_API);
  readonly permission = signal<NotificationPermission | 'unsupported'>(this.api?.permission ?? 'unsupported');

  async requestPermission(): Promise<void> {
    if (!this.api) return;
    this.permission.set(await this.api.requestPermission());
  }

  notify(title: string, body: string, tag: string, onClick: () => void = () => undefined): void {
    if (this.api && this.api.permission === 'granted') this.api.show(title, { body, tag }, onClick);
  }
}
