export * from './tasks/task-doc.ts';
export * from './tasks/evolve.ts';
export * from './tasks/schema.ts';
export * from './tasks/task-row.ts';
export * from './tasks/tasks-projection.ts';
export * from './tasks/run-tasks-projection.ts';
