// Test support other packages' tests use: a clock and timers the test moves, tasks with
// reminders written straight to the store, and a bounded wait.
export * from './manual-time.ts';
export * from './reminder-tasks.ts';
