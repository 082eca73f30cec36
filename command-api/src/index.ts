export * from './app.ts';
export * from './deps.ts';
export * from './schema.ts';
export * from './users/user-repository.ts';
export * from './auth/login-limits.ts';
