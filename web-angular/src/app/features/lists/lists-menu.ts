import { ChangeDetectionStrategy, Component, ElementRef, inject, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { toUiError } from '../../core/api/problem';
import { ListStore } from './list-store';

/**
 * The lists in the navigation: a "Lists" button opening a menu (the Inbox, each list, a
 * box to make one). A menu rather than more links, so that the header fits a 360 px phone
 * as it is, whatever the number of lists.
 */
@Component({
  selector: 'app-lists-menu',
  imports: [RouterLink],
  host: { '(document:click)': 'onDocumentClick($event)', '(keydown.escape)': 'open.set(false)' },
  template: `
    <button
      type="button"
      class="toggle"
      aria-label="Lists"
      aria-haspopup="true"
      [attr.aria-expanded]="open()"
      (click)="toggle()"
    >
      <span class="wide">Lists</span>
      <!-- A bulleted list, unlike the saved views' funnel beside it. -->
      <svg class="narrow" aria-hidden="true" viewBox="0 0 24 24" width="22" height="22">
        <path d="M9 6h11M9 12h11M9 18h11" />
        <circle cx="4.5" cy="6" r="1.5" />
        <circle cx="4.5" cy="12" r="1.5" />
        <circle cx="4.5" cy="18" r="1.5" />
      </svg>
    </button>
    @if (open()) {
      <nav class="menu" aria-label="Lists">
        <a routerLink="/lists/inbox" (click)="open.set(false)">Inbox</a>
        @for (list of store.active(); track list.id) {
          <a [routerLink]="['/lists', list.id]" (click)="open.set(false)"
            ><span class="dot" [style.background]="list.colour" aria-hidden="true"></span>{{ list.name }}</a
          >
        }
        <form class="new" (submit)="create($event)">
          <label for="new-list-name" class="sr-only">New list</label>
          <input
            id="new-list-name"
            name="name"
            placeholder="New list"
            maxlength="100"
            [value]="name()"
            (input)="name.set($any($event.target).value)"
          />
          <button type="submit" [disabled]="!name().trim()">Add</button>
        </form>
        @if (error(); as message) {
          <p class="form-error" role="alert">{{ message }}</p>
        }
      </nav>
    }
  `,
  styles: `
    :host {
      position: relative;
    }
    .menu {
      position: absolute;
      top: calc(100% + 0.25rem);
      left: 0;
      z-index: 20;
      display: flex;
      flex-direction: column;
      min-width: 14rem;
      max-width: calc(100vw - 1rem);
      max-height: 70dvh;
      overflow-y: auto;
      background: #fff;
      color: #0f172a;
      border: 1px solid #cbd5e1;
      border-radius: 8px;
      box-shadow: 0 8px 24px rgb(15 23 42 / 20%);
      padding: 0.25rem;
    }
    .menu a {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      min-height: 44px;
      padding: 0 0.5rem;
      color: inherit;
      text-decoration: none;
      border-radius: 6px;
      overflow-wrap: anywhere;
    }
    .menu a:hover,
    .menu a:focus-visible {
      background: #f1f5f9;
    }
    .dot {
      flex: none;
      width: 0.7rem;
      height: 0.7rem;
      border-radius: 50%;
    }
    .new {
      display: flex;
      gap: 0.25rem;
      padding: 0.25rem;
      border-top: 1px solid #e2e8f0;
    }
    .new input {
      flex: 1;
      min-width: 0;
      min-height: 44px;
    }
    .new button,
    .toggle {
      min-height: 44px;
    }
    .narrow {
      display: none;
    }
    /* A phone: the header already holds the account's buttons; the menu is one icon wide. */
    @media (max-width: 480px) {
      .wide {
        display: none;
      }
      .narrow {
        display: inline;
      }
      .toggle {
        display: inline-flex;
        align-items: center;
        justify-content: center;
        min-width: 44px;
        padding: 0;
      }
      svg {
        fill: none;
        stroke: currentColor;
        stroke-width: 2;
        stroke-linecap: round;
      }
      circle {
        fill: currentColor;
        stroke: none;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ListsMenu {
  protected readonly store = inject(ListStore);
  private readonly router = inject(Router);
  private readonly host = inject(ElementRef<HTMLElement>);
  protected readonly open = signal(false);
  protected readonly name = signal('');
  protected readonly error = signal<string | null>(null);

  constructor() {
    void this.store.load();
  }

  protected toggle(): void {
    this.open.update((o) => !o);
  }

  protected onDocumentClick(event: MouseEvent): void {
    if (this.open() && !(this.host.nativeElement as HTMLElement).contains(event.target as Node))
      this.open.set(false);
  }

  protected async create(event: Event): Promise<void> {
    event.preventDefault();
    const name = this.name().trim();
    if (!name) return;
    try {
      const id = await this.store.create(name);
      this.name.set('');
      this.error.set(null);
      this.open.set(false);
      await this.router.navigate(['/lists', id]);
    } catch (error) {
      this.error.set(toUiError(error).message);
    }
  }
}
