import type { SavedViewWithCount } from '@todo/contracts';

/** A saved view as GET /api/views lists it, with its count. */
export const aView = (fields: Partial<SavedViewWithCount> = {}): SavedViewWithCount => ({
  id: 'v1',
  name: 'Urgent',
  filter: 'today & p1 | overdue',
  position: 0,
  version: 1,
  createdAt: '2026-06-15T10:00:00.000Z',
  updatedAt: '2026-06-15T10:00:00.000Z',
  count: 2,
  countCapped: false,
  ...fields,
});
