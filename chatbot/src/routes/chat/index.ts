import {
  ChatBody,
  ChatConversationList,
  ChatMessageList,
  ChatResponse,
  ConversationIdParams,
} from '@todo/contracts';
import { currentUser, notFound, problems, type ZodApp } from '@todo/platform';
import { ChatService } from '../../chat-service.ts';
import type { ChatDeps } from '../../deps.ts';
import { ConversationStore } from '../../conversation-store.ts';
import { interpreterFromEnv } from '../../llm/openai-interpreter.ts';

/**
 * The chatbot: one message in, a reply and what it did out; conversations are kept per user.
 * A language model is used only when OPENAI_BASE_URL, OPENAI_API_KEY and OPENAI_MODEL are set.
 */
export async function chatRoutes(app: ZodApp, deps: ChatDeps): Promise<void> {
  const interpreter = deps.interpreter ?? interpreterFromEnv();
  const chat = new ChatService({ ...deps, ...(interpreter ? { interpreter } : {}) });
  const conversations = new ConversationStore(deps.knex);

  app.post(
    '/api/chat',
    { schema: { tags: ['chat'], body: ChatBody, response: { 200: ChatResponse, ...problems(404) } } },
    async (request) => chat.handle(currentUser(request).userId, request.body),
  );

  app.get(
    '/api/chat/conversations',
    { schema: { tags: ['chat'], response: { 200: ChatConversationList } } },
    async (request) => ({ items: await conversations.list(currentUser(request).userId) }),
  );

  app.get(
    '/api/chat/conversations/:id/messages',
    {
      schema: {
        tags: ['chat'],
        params: ConversationIdParams,
        response: { 200: ChatMessageList, ...problems(404) },
      },
    },
    async (request) => {
      const items = await conversations.messages(request.params.id, currentUser(request).userId);
      if (!items) throw notFound('no such conversation');
      return { items };
    },
  );
}
