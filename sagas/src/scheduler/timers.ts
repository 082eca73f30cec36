// One definition for every waiting loop of the system (platform/src/timers.ts).
export { realTimers, type Timers } from '@todo/platform';
