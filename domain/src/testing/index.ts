export { given } from './given.ts';
export { givenViews } from './given-views.ts';
