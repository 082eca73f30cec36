import type { ChatAction, ChatConversation, ChatMessage } from '@todo/contracts';
import type { Knex } from '@todo/platform';
import type { ConversationState } from './conversation-state.ts';

const TITLE_MAX = 80;

/** Conversations and their messages; every read and write is scoped to one user. */
export class ConversationStore {
  private readonly knex: Knex;
  constructor(knex: Knex) {
    this.knex = knex;
  }

  async create(id: string, userId: string, firstMessage: string): Promise<void> {
    const title = firstMessage.replace(/\s+/g, ' ').trim().slice(0, TITLE_MAX);
    await this.knex('chat_conversations').insert({ id, user_id: userId, title });
  }

  /** Null for a conversation that is not this user's: it looks like a missing one. */
  async state(id: string, userId: string): Promise<ConversationState | null> {
    const row = await this.knex('chat_conversations').where({ id, user_id: userId }).first('state');
    return row ? (row.state as ConversationState) : null;
  }

  async saveState(id: string, userId: string, state: ConversationState): Promise<void> {
    await this.knex('chat_conversations')
      .where({ id, user_id: userId })
      .update({ state: JSON.stringify(state), updated_at: this.knex.fn.now() });
  }

  async addMessage(
    message: { id: string; conversationId: string; userId: string; role: 'user' | 'assistant'; text: string },
    actions: ChatAction[] = [],
  ): Promise<void> {
    await this.knex('chat_messages').insert({
      id: message.id,
      conversation_id: message.conversationId,
      user_id: message.userId,
      role: message.role,
      text: message.text,
      actions: JSON.stringify(actions),
    });
  }

  async list(userId: string, limit = 50): Promise<ChatConversation[]> {
    const rows = await this.knex('chat_conversations')
      .where({ user_id: userId })
      .orderBy([
        { column: 'updated_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit)
      .select('id', 'title', 'created_at', 'updated_at');
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      createdAt: new Date(r.created_at).toISOString(),
      updatedAt: new Date(r.updated_at).toISOString(),
    }));
  }

  async messages(conversationId: string, userId: string): Promise<ChatMessage[] | null> {
    const owner = await this.knex('chat_conversations')
      .where({ id: conversationId, user_id: userId })
      .first('id');
    if (!owner) return null;
    const rows = await this.knex('chat_messages')
      .where({ conversation_id: conversationId, user_id: userId })
      .orderBy('seq')
      .select('id', 'role', 'text', 'actions', 'created_at');
    return rows.map((r) => ({
      id: r.id,
      role: r.role,
      text: r.text,
      actions: r.actions as ChatAction[],
      createdAt: new Date(r.created_at).toISOString(),
    }));
  }
}
