import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TokensSection } from './tokens-section';

/**
 * The account's settings: one section per integration (API tokens, the calendar feed, email
 * reminders, import and export). Each section is its own component in this folder.
 */
@Component({
  selector: 'app-settings-page',
  imports: [TokensSection],
  template: `
    <section class="settings" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <!-- One <app-…-section /> per integration, in this order: tokens, feed, email, data. -->
      <app-tokens-section />
    </section>
  `,
  styles: `
    :host {
      display: block;
      overflow-y: auto;
    }
    .settings {
      display: flex;
      flex-direction: column;
      gap: 1.5rem;
      max-width: 48rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SettingsPage {}
