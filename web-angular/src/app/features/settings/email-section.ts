import { ChangeDetectionStrategy, Component, inject, signal, type OnInit } from '@angular/core';
import type { EmailSettingsView } from '@todo/contracts';
import { EmailApi } from '../../core/api/email-api';
import { toUiError } from '../../core/api/problem';

/**
 * Email reminders: opt in with an address, confirmed by the link mailed to it; until then no
 * reminder is mailed. Says so when the server has no mail server configured.
 */
@Component({
  selector: 'app-email-section',
  template: `
    <section class="email" aria-labelledby="email-title" [attr.aria-busy]="busy()">
      <h2 id="email-title">Email reminders</h2>
      @if (state(); as s) {
        @if (!s.available) {
          <p class="off">Email reminders are off on this server: no mail server is configured.</p>
        } @else {
          @if (s.address && s.verified) {
            <p class="status">
              Reminders are emailed to <strong>{{ s.address }}</strong>.
            </p>
          } @else if (s.address) {
            <p class="status">
              We sent a confirmation link to <strong>{{ s.address }}</strong>. Open it to get your reminders
              by email.
            </p>
          } @else {
            <p class="status">
              Get each reminder by email too, with links to mark the task done or snooze it.
            </p>
          }
          <form (submit)="save($event)" novalidate>
            <label for="email-address">{{ s.address ? 'Another address' : 'Address' }}</label>
            <input
              id="email-address"
              name="address"
              type="email"
              autocomplete="email"
              required
              [value]="address()"
              (input)="address.set(value($event))"
              [attr.aria-invalid]="!!fieldError()"
              [attr.aria-describedby]="fieldError() ? 'email-address-error' : null"
            />
            @if (fieldError(); as message) {
              <p class="field-error" id="email-address-error">{{ message }}</p>
            }
            <button type="submit" class="primary" [disabled]="busy()">Send confirmation link</button>
          </form>
          @if (s.address) {
            <button type="button" class="turn-off" [disabled]="busy()" (click)="turnOff()">
              Turn off email reminders
            </button>
          }
        }
      }
      @if (error(); as message) {
        <p class="form-error" role="alert">{{ message }}</p>
      }
    </section>
  `,
  styles: `
    form {
      display: grid;
      gap: 0.4rem;
      max-width: 24rem;
    }
    .turn-off {
      margin-top: 0.75rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EmailSection implements OnInit {
  private readonly api = inject(EmailApi);
  protected readonly state = signal<EmailSettingsView | null>(null);
  protected readonly address = signal('');
  protected readonly busy = signal(false);
  protected readonly fieldError = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);

  async ngOnInit(): Promise<void> {
    await this.run(async () => this.state.set(await this.api.get()));
  }

  protected value(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  protected async save(event: Event): Promise<void> {
    event.preventDefault();
    const address = this.address().trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address)) {
      this.fieldError.set('Enter a valid email address.');
      return;
    }
    await this.run(async () => {
      this.state.set(await this.api.set({ address }));
      this.address.set('');
    });
  }

  protected async turnOff(): Promise<void> {
    await this.run(async () => {
      await this.api.turnOff();
      this.state.update((s) => s && { ...s, address: null, verified: false, verifiedAt: null });
    });
  }

  private async run(action: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.fieldError.set(null);
    this.error.set(null);
    try {
      await action();
    } catch (e) {
      const ui = toUiError(e);
      if (ui.fields['address']) this.fieldError.set(ui.fields['address']);
      else this.error.set(ui.message);
    } finally {
      this.busy.set(false);
    }
  }
}
