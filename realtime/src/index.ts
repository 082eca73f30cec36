export * from './realtime-service.ts';
export * from './config.ts';
export * from './schema.ts';
export * from './positions.ts';
export * from './feed-messages.ts';
export type { FeedRow } from './feed-row.ts';
export * from './change-feed.ts';
