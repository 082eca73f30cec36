import { ChangeDetectionStrategy, Component, inject, type OnInit, signal } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { NarrowScreen } from '../../core/layout/narrow-screen';
import { countLabel, SavedViewsStore } from './saved-views-store';

/**
 * The saved views in the navigation, each with its count. Wide, a row of links beside
 * Today, Upcoming, All and Completed; on a phone, whose bottom bar holds those four, one
 * 44 px "Saved views" icon button (a funnel) in the header opens them as a drawer. Its own component, so that the
 * shell carries one tag for it.
 */
@Component({
  selector: 'app-saved-views-nav',
  imports: [RouterLink, RouterLinkActive],
  template: `
    @if (screen.narrow()) {
      <button
        type="button"
        class="drawer-toggle"
        aria-label="Saved views"
        title="Saved views"
        aria-controls="saved-views-drawer"
        [attr.aria-expanded]="open()"
        (click)="open.set(!open())"
      >
        <!-- A funnel: a saved view is a saved filter (the lists' menu has the bulleted list). -->
        <svg aria-hidden="true" viewBox="0 0 24 24" width="22" height="22">
          <path d="M3 5h18l-7 8.5V19l-4 2v-7.5z" />
        </svg>
      </button>
      @if (open()) {
        <nav id="saved-views-drawer" class="drawer" aria-label="Saved views">
          @for (view of store.views(); track view.id) {
            <a
              [routerLink]="['/views', view.id]"
              routerLinkActive="active"
              ariaCurrentWhenActive="page"
              (click)="open.set(false)"
              ><span class="name">{{ view.name }}</span
              ><span class="count"> {{ label(view) }}</span></a
            >
          } @empty {
            <p class="none">
              No saved views yet: type a filter under “Filter and sort”, then “Save as view”.
            </p>
          }
        </nav>
      }
    } @else if (store.views().length) {
      <nav class="inline" aria-label="Saved views">
        @for (view of store.views(); track view.id) {
          <a [routerLink]="['/views', view.id]" routerLinkActive="active" ariaCurrentWhenActive="page"
            ><span class="name">{{ view.name }}</span
            ><span class="count"> {{ label(view) }}</span></a
          >
        }
      </nav>
    }
  `,
  styles: `
    :host {
      display: contents;
    }
    .inline {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem;
      padding-left: 0.5rem;
      border-left: 1px solid #475569;
    }
    a {
      display: inline-flex;
      align-items: center;
      gap: 0.35rem;
      color: #e2e8f0;
      padding: 0.35rem 0.6rem;
      border-radius: 6px;
      text-decoration: none;
    }
    a.active {
      background: #fff;
      color: #1e293b;
      font-weight: 600;
    }
    .name {
      max-width: 12rem;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .count {
      font-size: 0.8rem;
      opacity: 0.8;
      font-variant-numeric: tabular-nums;
    }
    /* An icon: the phone's header is already full (brand, chat, settings, log out). */
    .drawer-toggle {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      min-height: 44px;
      min-width: 44px;
      padding: 0;
      flex: none;
    }
    svg {
      fill: none;
      stroke: currentColor;
      stroke-width: 2;
      stroke-linejoin: round;
    }
    .drawer {
      position: fixed;
      left: 0;
      right: 0;
      top: 52px;
      z-index: 8;
      display: grid;
      max-height: 60dvh;
      overflow-y: auto;
      background: #1e293b;
      border-bottom: 1px solid #334155;
      padding: 0.25rem 0.5rem;
    }
    .drawer a {
      min-height: 48px;
      justify-content: space-between;
    }
    .drawer .name {
      max-width: none;
    }
    .none {
      color: #cbd5e1;
      margin: 0.5rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SavedViewsNav implements OnInit {
  protected readonly store = inject(SavedViewsStore);
  protected readonly screen = inject(NarrowScreen);
  protected readonly open = signal(false);
  protected readonly label = countLabel;

  ngOnInit(): void {
    if (!this.store.loaded()) void this.store.refresh();
  }
}
