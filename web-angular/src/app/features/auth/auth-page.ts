import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { AuthApi } from '../../core/api/auth-api';
import { toUiError } from '../../core/api/problem';
import { SessionStore } from '../../core/auth/session-store';

type Mode = 'login' | 'signup';

/** Sign up and log in share one form; errors from the API show inline next to their field. */
@Component({
  selector: 'app-auth-page',
  imports: [RouterLink],
  template: `
    <main class="auth" id="main">
      <h1>{{ mode() === 'signup' ? 'Create your account' : 'Log in' }}</h1>
      <form (submit)="submit($event)" novalidate [attr.aria-busy]="busy()">
        <label for="auth-email">Email</label>
        <input
          id="auth-email"
          name="email"
          type="email"
          autocomplete="email"
          required
          [value]="email()"
          (input)="email.set(value($event))"
          [attr.aria-invalid]="!!errors()['email']"
          [attr.aria-describedby]="errors()['email'] ? 'auth-email-error' : null"
        />
        @if (errors()['email']; as message) {
          <p class="field-error" id="auth-email-error">{{ message }}</p>
        }
        <label for="auth-password">Password</label>
        <input
          id="auth-password"
          name="password"
          type="password"
          required
          minlength="8"
          [attr.autocomplete]="mode() === 'signup' ? 'new-password' : 'current-password'"
          [value]="password()"
          (input)="password.set(value($event))"
          [attr.aria-invalid]="!!errors()['password']"
          [attr.aria-describedby]="errors()['password'] ? 'auth-password-error' : 'auth-password-hint'"
        />
        @if (errors()['password']; as message) {
          <p class="field-error" id="auth-password-error">{{ message }}</p>
        } @else if (mode() === 'signup') {
          <p class="hint" id="auth-password-hint">At least 8 characters.</p>
        }
        @if (formError(); as message) {
          <p class="form-error" role="alert">{{ message }}</p>
        }
        <button type="submit" class="primary" [disabled]="busy()">
          {{ mode() === 'signup' ? 'Sign up' : 'Log in' }}
        </button>
      </form>
      @if (mode() === 'signup') {
        <p>Already have an account? <a routerLink="/login">Log in</a></p>
      } @else {
        <p>New here? <a routerLink="/signup">Create an account</a></p>
      }
    </main>
  `,
  styles: `
    .auth {
      max-width: 24rem;
      margin: 3rem auto;
      padding: 0 1rem;
    }
    form {
      display: grid;
      gap: 0.4rem;
    }
    button {
      margin-top: 0.75rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuthPage {
  private readonly api = inject(AuthApi);
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);

  /** From the route's data. */
  readonly mode = input<Mode>('login');
  protected readonly email = signal('');
  protected readonly password = signal('');
  protected readonly busy = signal(false);
  protected readonly serverFields = signal<Record<string, string>>({});
  protected readonly formError = signal<string | null>(null);
  private readonly localFields = signal<Record<string, string>>({});
  protected readonly errors = computed(() => ({ ...this.serverFields(), ...this.localFields() }));

  protected value(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  private validate(): boolean {
    const fields: Record<string, string> = {};
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(this.email().trim()))
      fields['email'] = 'Enter a valid email address.';
    if (this.mode() === 'signup' && this.password().length < 8)
      fields['password'] = 'Use at least 8 characters.';
    if (this.mode() === 'login' && this.password().length === 0) fields['password'] = 'Enter your password.';
    this.localFields.set(fields);
    return Object.keys(fields).length === 0;
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    this.serverFields.set({});
    this.formError.set(null);
    if (!this.validate()) return;
    this.busy.set(true);
    try {
      const body = { email: this.email().trim(), password: this.password() };
      const response = this.mode() === 'signup' ? await this.api.signup(body) : await this.api.login(body);
      this.session.signIn(response);
      await this.router.navigateByUrl('/tasks/today');
    } catch (error) {
      const ui = toUiError(error);
      if (ui.status === 401) this.formError.set('That email and password do not match an account.');
      else if (ui.status === 409)
        this.serverFields.set({ email: 'An account with this email already exists.' });
      else {
        this.serverFields.set(ui.fields);
        if (Object.keys(ui.fields).length === 0) this.formError.set(ui.message);
      }
    } finally {
      this.busy.set(false);
    }
  }
}
