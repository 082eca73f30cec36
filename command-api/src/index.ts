export * from './app.ts';
export * from './deps.ts';
export * from './schema.ts';
export * from './tasks/task.ts';
export * from './tasks/decide.ts';
export * from './tasks/errors.ts';
export * from './tasks/handle-command.ts';
export * from './users/user-repository.ts';
