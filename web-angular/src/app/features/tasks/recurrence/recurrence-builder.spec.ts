import { TestBed } from '@angular/core/testing';
import { describe, expect, it } from '@jest/globals';
import type { Recurrence } from '@todo/contracts';
import { RecurrenceBuilder } from './recurrence-builder';

function change(control: HTMLInputElement | HTMLSelectElement, value: string) {
  control.value = value;
  control.dispatchEvent(new Event('change'));
}

function labelled(root: HTMLElement, text: string): HTMLInputElement | HTMLSelectElement {
  const label = [...root.querySelectorAll('label')].find((l) => l.firstChild?.textContent?.trim() === text);
  const control = label?.querySelector<HTMLInputElement | HTMLSelectElement>('input, select');
  if (!control) throw new Error(`no control labelled ${text}`);
  return control;
}

describe('RecurrenceBuilder', () => {
  it('builds "every 2 weeks on Monday and Thursday" and says it in words', () => {
    const fixture = TestBed.createComponent(RecurrenceBuilder);
    const emitted: (Recurrence | null)[] = [];
    fixture.componentInstance.value.subscribe((v) => emitted.push(v));
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid=recurrence-words]')?.textContent).toBe('Does not repeat');

    change(labelled(el, 'Repeats'), 'WEEKLY');
    fixture.detectChanges();
    change(labelled(el, 'Every'), '2');
    fixture.detectChanges();
    for (const day of ['Mon', 'Thu']) {
      const box = [...el.querySelectorAll<HTMLLabelElement>('label.day')].find((l) =>
        l.textContent?.startsWith(day),
      )!;
      box.querySelector('input')!.dispatchEvent(new Event('change'));
      fixture.detectChanges();
    }
    expect(el.querySelector('[data-testid=recurrence-words]')?.textContent).toBe(
      'Every 2 weeks on Monday and Thursday',
    );
    expect(emitted.at(-1)).toEqual({ rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH', anchor: 'schedule' });

    change(labelled(el, 'Next one counted from'), 'completion');
    fixture.detectChanges();
    expect(emitted.at(-1)).toEqual({ rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH', anchor: 'completion' });

    change(labelled(el, 'Repeats'), 'NEVER');
    fixture.detectChanges();
    expect(emitted.at(-1)).toBeNull();
  });

  it('shows an incoming rule in its controls', () => {
    const fixture = TestBed.createComponent(RecurrenceBuilder);
    fixture.componentRef.setInput('value', { rrule: 'FREQ=MONTHLY;BYDAY=-1FR', anchor: 'schedule' });
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid=recurrence-words]')?.textContent).toBe(
      'Every month on the last Friday',
    );
    expect(labelled(el, 'Monthly on').value).toBe('weekday');
    expect(labelled(el, 'Which').value).toBe('-1');
    expect(labelled(el, 'Weekday').value).toBe('FR');
  });

  it('says at once when the rule it built never occurs (30 February), and not for 29 February', () => {
    const fixture = TestBed.createComponent(RecurrenceBuilder);
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    change(labelled(el, 'Repeats'), 'YEARLY');
    fixture.detectChanges();
    change(labelled(el, 'Month'), '2');
    fixture.detectChanges();
    change(labelled(el, 'Day'), '30');
    fixture.detectChanges();
    expect(el.querySelector('[data-testid=recurrence-problem]')?.textContent).toMatch(/never come round/);
    change(labelled(el, 'Day'), '29');
    fixture.detectChanges();
    expect(el.querySelector('[data-testid=recurrence-problem]')).toBeNull();
  });
});
