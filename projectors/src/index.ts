export * from './tasks/task-doc.ts';
export * from './tasks/evolve.ts';
export { createTasksTableSql, tasksProjectionMigrations } from './tasks/schema.ts';
export * from './tasks/tasks-projection.ts';
export * from './tasks/run-tasks-projection.ts';
export * from './tasks/read-model/tasks-read-model.ts';
export type * from './tasks/read-model/task-list-query.ts';
export { tasksChecksum } from './replay/checksum.ts';
