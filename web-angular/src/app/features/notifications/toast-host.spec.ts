import { TestBed } from '@angular/core/testing';
import { describe, expect, it, jest } from '@jest/globals';
import { ToastHost } from './toast-host';
import { ToastService } from './toast-service';

describe('ToastHost', () => {
  it('shows a toast with its action and runs the action once when clicked', async () => {
    const fixture = TestBed.createComponent(ToastHost);
    const toasts = TestBed.inject(ToastService);
    const undo = jest.fn();
    toasts.show('Completed “Pay rent”', {
      actions: [{ label: 'Undo', ariaLabel: 'Undo completing Pay rent', run: undo }],
    });
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[role=status]')?.textContent).toContain('Completed “Pay rent”');
    const button = el.querySelector<HTMLButtonElement>('button[aria-label="Undo completing Pay rent"]')!;
    button.click();
    await fixture.whenStable();
    fixture.detectChanges();
    expect(undo).toHaveBeenCalledTimes(1);
    expect(el.querySelector('[role=status]')).toBeNull();
  });

  it('lets a toast go after its timeout but keeps one with no timeout', () => {
    jest.useFakeTimers();
    const toasts = TestBed.inject(ToastService);
    toasts.show('short');
    toasts.show('stays', { timeoutMs: null });
    jest.advanceTimersByTime(10_000);
    expect(toasts.toasts().map((t) => t.message)).toEqual(['stays']);
    jest.useRealTimers();
  });
});
