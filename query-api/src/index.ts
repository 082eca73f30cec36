export * from './app.ts';
export { waitForUsersWrites } from '@todo/projectors/tasks/read-your-writes.ts';
export * from './tasks/list-tasks.ts';
export * from './tasks/history.ts';
