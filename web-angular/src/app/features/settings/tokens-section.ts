import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import type { ApiScope, ApiTokenView, CreatedApiToken } from '@todo/contracts';
import { ApiTokensApi } from '../../core/api/api-tokens-api';
import { toUiError } from '../../core/api/problem';
import { CLOCK, TIME_ZONE } from '../../core/time/clock';

/** Every scope, in words (a Record, so a scope added to contracts must be worded here). */
const SCOPE_WORDS: Record<ApiScope, string> = {
  'tasks:read': 'Read tasks',
  'tasks:write': 'Change tasks',
};
const SCOPES = Object.keys(SCOPE_WORDS) as ApiScope[];
const EXPIRY_CHOICES = [
  { days: 30, label: '30 days' },
  { days: 90, label: '90 days' },
  { days: 365, label: '1 year' },
  { days: null, label: 'Never' },
] as const;

/**
 * Settings › API tokens: create a token for an agent or a script (the secret is shown once),
 * see the tokens that are not revoked, and revoke one.
 */
@Component({
  selector: 'app-tokens-section',
  template: `
    <section class="tokens" aria-labelledby="tokens-title">
      <h2 id="tokens-title">API tokens</h2>
      <p class="hint">
        A token lets an AI agent or a script use your tasks as you, with
        <code>Authorization: Bearer &lt;token&gt;</code>, without your password. Give it only the scopes it
        needs; revoke it when you no longer use it.
      </p>

      <form (submit)="create($event)" novalidate [attr.aria-busy]="busy()">
        <label for="token-name">Token name</label>
        <input
          id="token-name"
          name="name"
          maxlength="100"
          required
          [value]="name()"
          (input)="name.set(value($event))"
          [attr.aria-invalid]="!!errors()['name']"
          [attr.aria-describedby]="errors()['name'] ? 'token-name-error' : null"
        />
        @if (errors()['name']; as message) {
          <p class="field-error" id="token-name-error">{{ message }}</p>
        }
        <fieldset [attr.aria-describedby]="errors()['scopes'] ? 'token-scopes-error' : null">
          <legend>Scopes</legend>
          @for (scope of scopes; track scope) {
            <label class="check" [for]="idOf(scope)">
              <input
                type="checkbox"
                [id]="idOf(scope)"
                [checked]="chosen().includes(scope)"
                (change)="toggle(scope)"
              />
              {{ words[scope] }} <code>{{ scope }}</code>
            </label>
          }
        </fieldset>
        @if (errors()['scopes']; as message) {
          <p class="field-error" id="token-scopes-error">{{ message }}</p>
        }
        <label for="token-expiry">Expires</label>
        <select id="token-expiry" (change)="expiry.set(expiryOf($event))">
          @for (choice of expiryChoices; track choice.label) {
            <option [value]="choice.days ?? ''" [selected]="choice.days === expiry()">
              {{ choice.label }}
            </option>
          }
        </select>
        @if (formError(); as message) {
          <p class="form-error" role="alert">{{ message }}</p>
        }
        <button type="submit" class="primary" [disabled]="busy()">Create token</button>
      </form>

      @if (created(); as token) {
        <div class="created" role="status">
          <label for="token-secret">Your new token “{{ token.name }}”</label>
          <input id="token-secret" readonly [value]="token.token" (focus)="selectAll($event)" />
          <p><strong>Copy it now: it is shown only this once.</strong></p>
          <button type="button" (click)="copy(token.token)">{{ copied() ? 'Copied' : 'Copy' }}</button>
          <button type="button" (click)="created.set(null)">Done</button>
        </div>
      }

      @if (listError(); as message) {
        <p class="form-error" role="alert">{{ message }}</p>
      }
      @if (tokens().length === 0) {
        <p class="hint">You have no API tokens.</p>
      } @else {
        <ul class="list" aria-label="Your API tokens">
          @for (token of tokens(); track token.id) {
            <li>
              <div class="what">
                <span class="name">{{ token.name }}</span>
                <code>{{ token.hint }}…</code>
                <span class="scopes">{{ token.scopes.join(', ') }}</span>
              </div>
              <div class="when">
                Created {{ format(token.createdAt) }} · {{ expiryText(token) }} ·
                {{ token.lastUsedAt ? 'last used ' + format(token.lastUsedAt) : 'never used' }}
              </div>
              <button type="button" [attr.aria-label]="'Revoke ' + token.name" (click)="revoke(token)">
                Revoke
              </button>
            </li>
          }
        </ul>
      }
    </section>
  `,
  styles: `
    form {
      display: grid;
      gap: 0.4rem;
      max-width: 28rem;
    }
    fieldset {
      border: 1px solid #cbd5e1;
      border-radius: 6px;
      display: grid;
      gap: 0.3rem;
    }
    .check {
      display: flex;
      gap: 0.4rem;
      align-items: center;
      min-height: 44px;
    }
    .created {
      margin: 1rem 0;
      padding: 0.75rem;
      border: 2px solid #16a34a;
      border-radius: 6px;
      display: grid;
      gap: 0.4rem;
    }
    .created input {
      font-family: monospace;
    }
    .list {
      list-style: none;
      padding: 0;
      display: grid;
      gap: 0.5rem;
    }
    .list li {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1rem;
      align-items: center;
      border-bottom: 1px solid #e2e8f0;
      padding: 0.4rem 0;
    }
    .what {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      flex: 1 1 16rem;
    }
    .name {
      font-weight: 600;
    }
    .when,
    .scopes {
      color: #475569;
      font-size: 0.9rem;
    }
    .list button {
      min-height: 44px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TokensSection {
  private readonly api = inject(ApiTokensApi);
  private readonly clock = inject(CLOCK);
  protected readonly scopes = SCOPES;
  protected readonly words = SCOPE_WORDS;
  protected readonly expiryChoices = EXPIRY_CHOICES;

  protected readonly name = signal('');
  protected readonly chosen = signal<ApiScope[]>(['tasks:read']);
  protected readonly expiry = signal<number | null>(90);
  protected readonly busy = signal(false);
  protected readonly errors = signal<Record<string, string>>({});
  protected readonly formError = signal<string | null>(null);
  protected readonly listError = signal<string | null>(null);
  protected readonly tokens = signal<ApiTokenView[]>([]);
  protected readonly created = signal<CreatedApiToken | null>(null);
  protected readonly copied = signal(false);
  // The user's zone, so a spec that pins the zone pins the text.
  private readonly formatter = new Intl.DateTimeFormat(undefined, {
    dateStyle: 'medium',
    timeZone: inject(TIME_ZONE).current(),
  });

  constructor() {
    void this.load();
  }

  protected value(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  protected expiryOf(event: Event): number | null {
    const raw = (event.target as HTMLSelectElement).value;
    return raw === '' ? null : Number(raw);
  }

  /** `tasks:read` → `token-scope-tasks-read`: a colon in an id would need escaping in selectors. */
  protected idOf(scope: ApiScope): string {
    return `token-scope-${scope.replace(':', '-')}`;
  }

  protected toggle(scope: ApiScope): void {
    this.chosen.update((now) => (now.includes(scope) ? now.filter((s) => s !== scope) : [...now, scope]));
  }

  protected format(instant: string): string {
    return this.formatter.format(new Date(instant));
  }

  protected expiryText(token: ApiTokenView): string {
    if (!token.expiresAt) return 'never expires';
    const expired = Date.parse(token.expiresAt) <= this.clock.now();
    return `${expired ? 'expired' : 'expires'} ${this.format(token.expiresAt)}`;
  }

  protected selectAll(event: Event): void {
    (event.target as HTMLInputElement).select();
  }

  protected async copy(secret: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(secret);
      this.copied.set(true);
    } catch {
      // No clipboard (an insecure origin, a denied permission): the field is selectable.
      this.copied.set(false);
    }
  }

  protected async create(event: Event): Promise<void> {
    event.preventDefault();
    this.busy.set(true);
    this.errors.set({});
    this.formError.set(null);
    try {
      // The server orders nothing: send the scopes in the order they are listed.
      const scopes = SCOPES.filter((s) => this.chosen().includes(s));
      const token = await this.api.create({ name: this.name(), scopes, expiresInDays: this.expiry() });
      this.created.set(token);
      this.copied.set(false);
      this.name.set('');
      await this.load();
    } catch (error) {
      const ui = toUiError(error);
      const fields = Object.fromEntries(
        Object.entries(ui.fields).map(([field, message]) => [field.split('.')[0]!, message]),
      );
      this.errors.set(fields);
      if (Object.keys(fields).length === 0) this.formError.set(ui.message);
    } finally {
      this.busy.set(false);
    }
  }

  protected async revoke(token: ApiTokenView): Promise<void> {
    this.listError.set(null);
    try {
      await this.api.revoke(token.id);
      this.tokens.update((all) => all.filter((t) => t.id !== token.id));
      if (this.created()?.id === token.id) this.created.set(null);
    } catch (error) {
      this.listError.set(toUiError(error).message);
    }
  }

  private async load(): Promise<void> {
    try {
      this.tokens.set(await this.api.list());
    } catch (error) {
      this.listError.set(toUiError(error).message);
    }
  }
}
