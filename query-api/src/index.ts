export * from './app.ts';
export * from './tasks/history.ts';
export { calendarFeedMigrations } from './calendar-feed/schema.ts';
export { FEED_MAX_TASKS, feedPath } from './calendar-feed/calendar-feed-routes.ts';
