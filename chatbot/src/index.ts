export { chatbot } from './app.ts';
export type { ChatDeps, Interpreter, UserZones } from './chat-service.ts';
export { chatMigrations } from './schema.ts';
