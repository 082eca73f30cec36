// The name-based ids live in platform (the saved views name their stream with them too).
export { deterministicUuid } from '@todo/platform';
