export { given } from './given.ts';
export { givenApiTokens } from './given-api-tokens.ts';
