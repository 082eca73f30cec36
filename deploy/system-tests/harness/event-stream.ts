import type { RealtimeMessage } from '@todo/contracts';

/** A test client of `GET /api/stream` (SSE): collects every event until closed. */
export interface CollectingEventStream {
  status: number;
  messages: { id: string | undefined; data: RealtimeMessage }[];
  /** Resolves when the server ends the stream (or it is closed here). */
  ended: Promise<void>;
  close(): Promise<void>;
}

export async function openEventStream(
  baseUrl: string,
  token: string,
  resume: { lastEventId?: string; after?: string } = {},
): Promise<CollectingEventStream> {
  const controller = new AbortController();
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (resume.lastEventId !== undefined) headers['last-event-id'] = resume.lastEventId;
  const query = resume.after !== undefined ? `?after=${encodeURIComponent(resume.after)}` : '';
  const res = await fetch(`${baseUrl}/api/stream${query}`, { headers, signal: controller.signal });
  const messages: CollectingEventStream['messages'] = [];
  const read = async () => {
    if (!res.body) return;
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (data !== undefined) {
            messages.push({ id: /^id: (.*)$/m.exec(block)?.[1], data: JSON.parse(data) as RealtimeMessage });
          }
        }
      }
    } catch {
      // aborted by close()
    }
  };
  const ended = res.status === 200 ? read() : res.text().then(() => undefined);
  return {
    status: res.status,
    messages,
    ended,
    close: async () => {
      controller.abort();
      await ended;
    },
  };
}
