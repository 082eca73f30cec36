import { Injectable, signal } from '@angular/core';

export interface ToastAction {
  label: string;
  /** The accessible name when the visible label alone is ambiguous ("Undo completing …"). */
  ariaLabel?: string;
  run: () => unknown;
}
export interface Toast {
  id: number;
  message: string;
  kind: 'info' | 'error' | 'reminder';
  actions: ToastAction[];
}

const DEFAULT_TIMEOUT_MS = 6000;

/** In-app toasts; a toast with an action stays long enough to use it, then goes away. */
@Injectable({ providedIn: 'root' })
export class ToastService {
  private nextId = 1;
  private readonly timers = new Map<number, ReturnType<typeof setTimeout>>();
  readonly toasts = signal<Toast[]>([]);

  show(
    message: string,
    options: { kind?: Toast['kind']; actions?: ToastAction[]; timeoutMs?: number | null } = {},
  ): number {
    const id = this.nextId++;
    const toast: Toast = { id, message, kind: options.kind ?? 'info', actions: options.actions ?? [] };
    this.toasts.update((list) => [...list.slice(-4), toast]);
    const timeout = options.timeoutMs === undefined ? DEFAULT_TIMEOUT_MS : options.timeoutMs;
    if (timeout !== null)
      this.timers.set(
        id,
        setTimeout(() => this.dismiss(id), timeout),
      );
    return id;
  }

  error(message: string): number {
    return this.show(message, { kind: 'error' });
  }

  dismiss(id: number): void {
    const timer = this.timers.get(id);
    if (timer) clearTimeout(timer);
    this.timers.delete(id);
    this.toasts.update((list) => list.filter((t) => t.id !== id));
  }

  async runAction(toast: Toast, action: ToastAction): Promise<void> {
    this.dismiss(toast.id);
    await action.run();
  }
}
