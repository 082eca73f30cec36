export { chatbot } from './app.ts';
export type { ChatDeps, UserZones } from './deps.ts';
export type { Interpreter } from './interpreter.ts';
export { chatMigrations } from './schema.ts';
