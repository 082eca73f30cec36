/** Small DOM helpers for component specs: find controls by their label, type, click. */
export function byLabel<T extends HTMLElement = HTMLInputElement>(root: HTMLElement, label: string): T {
  const match = [...root.querySelectorAll('label')].find((l) => l.textContent?.trim() === label);
  const control = match?.htmlFor ? root.querySelector<T>(`#${match.htmlFor}`) : null;
  if (!control) throw new Error(`no control labelled "${label}"`);
  return control;
}

export function typeInto(control: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  control.value = value;
  control.dispatchEvent(new Event('input'));
}

export function submit(form: HTMLFormElement | null): void {
  if (!form) throw new Error('no form');
  form.dispatchEvent(new Event('submit', { cancelable: true }));
}

/** Lets pending promise callbacks (HTTP answers, awaits in handlers) run. */
export const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
