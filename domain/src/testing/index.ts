export { given } from './given.ts';
export * from './given-list.ts';
