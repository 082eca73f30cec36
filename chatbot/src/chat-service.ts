import { ListsReadModel } from '@todo/projectors';
import type { ChatBody, ChatResponse } from '@todo/contracts';
import { usableZone } from '@todo/nl';
import { notFound } from '@todo/platform';
import { ChatWriter } from './chat-writer.ts';
import type { ConversationState } from './conversation-state.ts';
import { ConversationStore } from './conversation-store.ts';
import type { ChatDeps } from './deps.ts';
import { Dialogue } from './dialogue.ts';
import { engineInterpreter } from './interpreter.ts';
import { ChatReadModel, type TaskRow } from './read-model.ts';
import type { Turn } from './turn.ts';

const ref = (t: TaskRow) => ({
  id: t.id,
  title: t.title,
  dueAt: t.dueAt,
  allDay: t.allDay,
  priority: t.priority,
  status: t.status,
});

/**
 * The chatbot: reads a message, acts through the same command handler as the REST API
 * (as the authenticated user, on that user's tasks only), and answers in plain words.
 * This part keeps the turn: the conversation, both messages and the state for the next one.
 */
export class ChatService {
  private readonly deps: ChatDeps;
  private readonly lists: ListsReadModel;
  private readonly conversations: ConversationStore;
  private readonly dialogue: Dialogue;

  constructor(deps: ChatDeps) {
    this.deps = deps;
    this.conversations = new ConversationStore(deps.knex);
    this.lists = new ListsReadModel(deps.knex);
    this.dialogue = new Dialogue({
      tasks: new ChatReadModel(deps.knex),
      writer: new ChatWriter(deps.store),
      interpreter: deps.interpreter ?? engineInterpreter,
      ids: deps.ids,
    });
  }

  async handle(userId: string, body: ChatBody): Promise<ChatResponse> {
    const { ids } = this.deps;
    let conversationId = body.conversationId;
    let state: ConversationState | null;
    if (conversationId) {
      state = await this.conversations.state(conversationId, userId);
      if (!state) throw notFound('no such conversation');
    } else {
      conversationId = ids.next();
      await this.conversations.create(conversationId, userId, body.message);
      state = {};
    }
    const messageId = ids.next();
    await this.conversations.addMessage({
      id: messageId,
      conversationId,
      userId,
      role: 'user',
      text: body.message,
    });
    const turn: Turn = {
      userId,
      timezone: usableZone(await this.deps.userZones.timezoneOf(userId)),
      now: this.deps.clock.now(),
      correlationId: messageId,
      lists: await this.lists.names(userId),
    };
    const outcome = await this.dialogue.respond(turn, body.message, state);
    const actions = outcome.actions ?? [];
    await this.conversations.addMessage(
      { id: ids.next(), conversationId, userId, role: 'assistant', text: outcome.reply },
      actions,
    );
    await this.conversations.saveState(conversationId, userId, outcome.state);
    return {
      conversationId,
      reply: outcome.reply,
      actions,
      ...(outcome.tasks ? { tasks: outcome.tasks.map(ref) } : {}),
      ...(outcome.choices ? { choices: outcome.choices.map(ref) } : {}),
    };
  }
}
