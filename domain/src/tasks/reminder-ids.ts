import type { Reminder, ReminderInput } from '@todo/contracts';

/**
 * Gives every reminder an id (kept when the client sent one) so it can be snoozed later.
 * `ids` is passed in (platform's `randomIds` in a service), so this stays pure.
 */
export function withReminderIds(inputs: readonly ReminderInput[], ids: { next(): string }): Reminder[] {
  const used = new Set(inputs.map((r) => r.id).filter(Boolean));
  return inputs.map((r) => {
    if (r.id) return r as Reminder;
    let id: string;
    do id = `r${ids.next().replaceAll('-', '').slice(0, 10)}`;
    while (used.has(id));
    used.add(id);
    return { ...r, id } as Reminder;
  });
}
