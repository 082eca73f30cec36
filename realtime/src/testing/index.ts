// What tests outside realtime (the whole-system suites in deploy/) use to talk to it.
export * from './realtime-client.ts';
export * from './feed-rows.ts';
