import {
  LIST_ARCHIVED,
  LIST_CREATED,
  LIST_DELETED,
  LIST_RECOLOURED,
  LIST_RENAMED,
  LIST_REORDERED,
  LIST_UNARCHIVED,
  type ListEvent,
} from '@todo/contracts';

export interface ListFields {
  name: string;
  colour: string;
  order: number;
  archived: boolean;
}

export type ListState = { status: 'none' } | ({ status: 'live' } & ListFields) | { status: 'deleted' };

export const initialListState: ListState = { status: 'none' };

export function evolveList(state: ListState, event: ListEvent): ListState {
  if (event.type === LIST_CREATED) return { status: 'live', ...event.data, archived: false };
  if (state.status !== 'live') return state;
  switch (event.type) {
    case LIST_RENAMED:
      return { ...state, name: event.data.name };
    case LIST_RECOLOURED:
      return { ...state, colour: event.data.colour };
    case LIST_REORDERED:
      return { ...state, order: event.data.order };
    case LIST_ARCHIVED:
      return { ...state, archived: true };
    case LIST_UNARCHIVED:
      return { ...state, archived: false };
    case LIST_DELETED:
      return { status: 'deleted' };
    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
}
