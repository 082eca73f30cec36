// Test support other packages' tests use: a clock and timers the test moves, tasks with
// reminders written straight to the store, a bounded wait, and a real SMTP server.
export * from './manual-time.ts';
export * from './reminder-tasks.ts';
export * from './smtp-server.ts';
