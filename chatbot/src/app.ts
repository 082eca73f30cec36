import type { ZodApp } from '@todo/platform';
import type { ChatDeps } from './deps.ts';
import { chatRoutes } from './routes/chat/index.ts';
import { nlRoutes } from './routes/nl/index.ts';

/**
 * The chatbot's HTTP surface (`/api/chat…`) and the quick-add preview (`/api/nl/parse`);
 * the launcher mounts it beside the command API, behind the same auth.
 */
export async function chatbot(app: ZodApp, deps: ChatDeps): Promise<void> {
  await nlRoutes(app, deps);
  await chatRoutes(app, deps);
}
