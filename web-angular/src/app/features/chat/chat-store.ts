import { Injectable, inject, signal } from '@angular/core';
import type { ChatAction, ChatTaskRef } from '@todo/contracts';
import { ChatApi } from '../../core/api/chat-api';
import { toUiError } from '../../core/api/problem';
import { TaskListStore } from '../tasks/task-list-store';

export interface ChatEntry {
  id: number;
  role: 'user' | 'assistant' | 'error';
  text: string;
  actions: ChatAction[];
  tasks: ChatTaskRef[];
  choices: ChatTaskRef[];
}

/** The open conversation with the chatbot; kept while the panel closes and opens again. */
@Injectable({ providedIn: 'root' })
export class ChatStore {
  private readonly api = inject(ChatApi);
  private readonly tasks = inject(TaskListStore);
  private nextId = 1;
  private conversationId: string | undefined;

  readonly entries = signal<ChatEntry[]>([]);
  readonly busy = signal(false);
  private restored = false;

  /** Opens the most recent conversation once per session, so a reload keeps the thread. */
  async restore(): Promise<void> {
    if (this.restored || this.entries().length > 0) return;
    this.restored = true;
    try {
      const [latest] = await this.api.conversations();
      if (!latest || this.entries().length > 0) return;
      const messages = await this.api.messages(latest.id);
      if (this.entries().length > 0) return;
      this.conversationId = latest.id;
      for (const m of messages) {
        this.push({ role: m.role, text: m.text, actions: m.actions, tasks: [], choices: [] });
      }
    } catch {
      // An older conversation is a convenience; the panel works without it.
    }
  }

  async send(message: string): Promise<void> {
    const text = message.trim();
    if (!text || this.busy()) return;
    this.push({ role: 'user', text, actions: [], tasks: [], choices: [] });
    this.busy.set(true);
    try {
      const response = await this.api.send({
        message: text,
        ...(this.conversationId ? { conversationId: this.conversationId } : {}),
      });
      this.conversationId = response.conversationId;
      this.push({
        role: 'assistant',
        text: response.reply,
        actions: response.actions,
        tasks: response.tasks ?? [],
        choices: response.choices ?? [],
      });
      // Show the bot's writes at once, even before (or without) the realtime message.
      await Promise.all(response.actions.map((a) => this.tasks.refresh(a.taskId)));
    } catch (error) {
      this.push({ role: 'error', text: toUiError(error).message, actions: [], tasks: [], choices: [] });
    } finally {
      this.busy.set(false);
    }
  }

  /** A clarifying question is answered by the choice's number, which stays unambiguous. */
  choose(index: number): Promise<void> {
    return this.send(String(index + 1));
  }

  /** Starts a new conversation. */
  reset(): void {
    this.conversationId = undefined;
    this.entries.set([]);
  }

  /** Forgets everything, e.g. on log out, so the next user starts clean. */
  forget(): void {
    this.reset();
    this.restored = false;
  }

  private push(entry: Omit<ChatEntry, 'id'>): void {
    this.entries.update((list) => [...list, { ...entry, id: this.nextId++ }]);
  }
}
