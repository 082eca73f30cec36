import {
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  inject,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import type { ChatAction } from '@todo/contracts';
import { ChatStore } from './chat-store';

const ACTION_WORDS: Record<ChatAction['kind'], string> = {
  created: 'Created',
  updated: 'Updated',
  completed: 'Completed',
  reopened: 'Reopened',
  deleted: 'Deleted',
  snoozed: 'Snoozed',
  restored: 'Restored',
};

/** The chatbot: the conversation, the actions it took as cards linking to the tasks, choices as buttons. */
@Component({
  selector: 'app-chat-panel',
  imports: [RouterLink],
  template: `
    <aside class="chat" aria-labelledby="chat-title">
      <header class="chat-head">
        <h2 id="chat-title">Assistant</h2>
        <button type="button" (click)="chat.reset()">New conversation</button>
        <button type="button" aria-label="Close chat" (click)="closed.emit()">×</button>
      </header>
      <div #log class="log" role="log" aria-live="polite" aria-label="Conversation" tabindex="0">
        @if (chat.entries().length === 0) {
          <p class="hint">Try “add buy milk tomorrow 5pm #shopping”, “what's due today?” or “undo”.</p>
        }
        @for (entry of chat.entries(); track entry.id) {
          <div [class]="'msg msg-' + entry.role">
            <p class="bubble">
              <span class="sr-only">{{ entry.role === 'user' ? 'You' : 'Assistant' }}: </span>{{ entry.text }}
            </p>
            @for (action of entry.actions; track $index) {
              <a
                class="card"
                [routerLink]="
                  action.kind === 'deleted' ? ['/task', action.taskId, 'history'] : ['/task', action.taskId]
                "
              >
                <span class="card-kind"
                  >{{ actionWords[action.kind] }}{{ action.undoes ? ' (undo)' : '' }}</span
                >
                <span class="card-title">{{ action.title }}</span>
              </a>
            }
            @for (task of entry.tasks; track task.id) {
              <a class="card" [routerLink]="['/task', task.id]"
                ><span class="card-title">{{ task.title }}</span></a
              >
            }
            @if (entry.choices.length > 0) {
              <div class="choices" role="group" aria-label="Choose a task">
                @for (choice of entry.choices; track choice.id; let i = $index) {
                  <button type="button" (click)="chat.choose(i)">{{ i + 1 }}. {{ choice.title }}</button>
                }
              </div>
            }
          </div>
        }
        @if (chat.busy()) {
          <p class="hint">Thinking…</p>
        }
      </div>
      <form class="compose" (submit)="send($event)">
        <label for="chat-message" class="sr-only">Message</label>
        <input
          id="chat-message"
          type="text"
          autocomplete="off"
          maxlength="2000"
          placeholder="Message"
          [value]="message()"
          (input)="message.set($any($event.target).value)"
        />
        <button type="submit" class="primary" [disabled]="chat.busy() || !message().trim()">Send</button>
      </form>
    </aside>
  `,
  styles: `
    :host {
      display: flex;
      min-height: 0;
    }
    .chat {
      display: flex;
      flex-direction: column;
      width: 100%;
      min-height: 0;
      background: #f8fafc;
    }
    .chat-head {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      padding: 0.5rem 0.75rem;
      border-bottom: 1px solid #e2e8f0;
    }
    .chat-head h2 {
      font-size: 1.05rem;
      margin: 0 auto 0 0;
    }
    .log {
      flex: 1;
      overflow-y: auto;
      padding: 0.75rem;
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
    }
    .msg {
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
    }
    .bubble {
      margin: 0;
      padding: 0.5rem 0.7rem;
      border-radius: 10px;
      max-width: 90%;
      white-space: pre-wrap;
    }
    .msg-user {
      align-items: flex-end;
    }
    .msg-user .bubble {
      background: #1d4ed8;
      color: #fff;
    }
    .msg-assistant .bubble {
      background: #fff;
      border: 1px solid #e2e8f0;
    }
    .msg-error .bubble {
      background: #fee2e2;
      color: #7f1d1d;
    }
    .card {
      display: flex;
      gap: 0.5rem;
      padding: 0.4rem 0.6rem;
      background: #fff;
      border: 1px solid #93c5fd;
      border-radius: 8px;
      text-decoration: none;
      color: #1e3a8a;
      max-width: 90%;
    }
    .card-kind {
      font-weight: 700;
    }
    .choices {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem;
    }
    .compose {
      display: flex;
      gap: 0.5rem;
      padding: 0.5rem 0.75rem;
      border-top: 1px solid #e2e8f0;
    }
    .compose input {
      flex: 1;
      min-width: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChatPanel {
  protected readonly chat = inject(ChatStore);
  readonly closed = output<void>();
  protected readonly message = signal('');
  protected readonly actionWords = ACTION_WORDS;
  private readonly log = viewChild.required<ElementRef<HTMLElement>>('log');

  constructor() {
    void this.chat.restore();
    // Keep the newest message in view.
    afterRenderEffect(() => {
      this.chat.entries();
      const el = this.log().nativeElement;
      el.scrollTop = el.scrollHeight;
    });
  }

  protected async send(event: Event): Promise<void> {
    event.preventDefault();
    const text = this.message();
    if (!text.trim()) return;
    this.message.set('');
    await this.chat.send(text);
  }
}
