export { given } from './given.ts';
export { givenViews } from './given-views.ts';
export { givenApiTokens } from './given-api-tokens.ts';
export * from './given-list.ts';
