/** Whether the system under test is up: writers wait here while it is down between a kill and a restart. */
export class Availability {
  private gate: Promise<void> = Promise.resolve();
  private open: (() => void) | null = null;

  down(): void {
    if (this.open) return;
    this.gate = new Promise((resolve) => (this.open = resolve));
  }

  up(): void {
    this.open?.();
    this.open = null;
  }

  wait(): Promise<void> {
    return this.gate;
  }
}
