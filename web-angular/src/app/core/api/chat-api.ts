import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { ChatBody, ChatConversation, ChatMessage, ChatResponse } from '@todo/contracts';
import { firstValueFrom } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class ChatApi {
  private readonly http = inject(HttpClient);

  send(body: ChatBody): Promise<ChatResponse> {
    return firstValueFrom(this.http.post<ChatResponse>('/api/chat', body));
  }

  /** Newest first. */
  conversations(): Promise<ChatConversation[]> {
    return firstValueFrom(this.http.get<{ items: ChatConversation[] }>('/api/chat/conversations')).then(
      (list) => list.items,
    );
  }

  messages(conversationId: string): Promise<ChatMessage[]> {
    return firstValueFrom(
      this.http.get<{ items: ChatMessage[] }>(
        `/api/chat/conversations/${encodeURIComponent(conversationId)}/messages`,
      ),
    ).then((list) => list.items);
  }
}
