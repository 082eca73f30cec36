export * from './app.ts';
export * from './read-your-writes.ts';
export * from './tasks/list-tasks.ts';
export * from './tasks/history.ts';
