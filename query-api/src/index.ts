export * from './app.ts';
export * from './tasks/history.ts';
