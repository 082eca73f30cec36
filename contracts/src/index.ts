export * from './task-fields.ts';
export * from './rrule-validation.ts';
export * from './events.ts';
export * from './saga-events.ts';
export * from './commands.ts';
export * from './rest.ts';
export * from './problem.ts';
export * from './nl.ts';
