// The task and saved-view domain: the pure deciders and the write paths (load → decide →
// append) that REST, chat and the sagas share. No HTTP, no adapter: the event store is a port.
export * from './tasks/task.ts';
export * from './tasks/decide.ts';
export * from './tasks/errors.ts';
export * from './tasks/handle-command.ts';
export * from './tasks/task-event-store.ts';
export * from './tasks/reminder-ids.ts';
export * from './tasks/new-task-command.ts';
export * from './views/views.ts';
export * from './views/decide.ts';
export * from './views/errors.ts';
export * from './views/handle-views-command.ts';
export * from './api-tokens/api-tokens.ts';
export * from './api-tokens/decide.ts';
export * from './api-tokens/errors.ts';
export * from './ids/deterministic-uuid.ts';
export * from './lists/list.ts';
export * from './lists/decide-list.ts';
export * from './lists/errors.ts';
export * from './lists/load-list.ts';
export * from './lists/handle-list-command.ts';
export * from './lists/delete-list.ts';
