import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { ToastService } from './toast-service';

/** Toasts live in a polite live region; reminders use an alert so they are announced at once. */
@Component({
  selector: 'app-toast-host',
  template: `
    <div class="toasts" role="region" aria-label="Notifications">
      <div aria-live="polite">
        @for (toast of toasts.toasts(); track toast.id) {
          <div
            class="toast"
            [class]="'toast toast-' + toast.kind"
            [attr.role]="toast.kind === 'info' ? 'status' : 'alert'"
          >
            <span class="toast-message">{{ toast.message }}</span>
            @for (action of toast.actions; track action.label) {
              <button
                type="button"
                class="link"
                [attr.aria-label]="action.ariaLabel ?? null"
                (click)="toasts.runAction(toast, action)"
              >
                {{ action.label }}
              </button>
            }
            <button
              type="button"
              class="icon"
              aria-label="Close notification"
              (click)="toasts.dismiss(toast.id)"
            >
              ×
            </button>
          </div>
        }
      </div>
    </div>
  `,
  styles: `
    .toasts {
      position: fixed;
      bottom: 1rem;
      left: 50%;
      transform: translateX(-50%);
      z-index: 20;
      width: min(32rem, calc(100vw - 1rem));
      display: grid;
      gap: 0.5rem;
    }
    .toast {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
      padding: 0.6rem 0.8rem;
      border-radius: 8px;
      background: #1f2937;
      color: #fff;
      box-shadow: 0 4px 16px rgb(0 0 0 / 0.25);
    }
    .toast-error {
      background: #991b1b;
    }
    .toast-reminder {
      background: #1e3a8a;
    }
    .toast-message {
      flex: 1 1 12rem;
    }
    .toast .link {
      color: #fde68a;
      background: none;
      border: 0;
      font-weight: 600;
      text-decoration: underline;
      padding: 0.25rem;
    }
    .toast .icon {
      color: #fff;
      background: none;
      border: 0;
      font-size: 1.25rem;
      line-height: 1;
      padding: 0.25rem 0.4rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ToastHost {
  protected readonly toasts = inject(ToastService);
}
