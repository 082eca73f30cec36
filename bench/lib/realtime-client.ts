import { WebSocket } from 'ws';

/** A WebSocket client of the realtime gateway: buys a ticket with the token, then upgrades. */
export async function openRealtimeSocket(
  url: string,
  token: string,
  onMessage: (data: WebSocket.RawData) => void,
): Promise<WebSocket> {
  const res = await fetch(`${url}/api/realtime/ticket`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  if (res.status !== 200) throw new Error(`ticket: ${res.status}`);
  const { ticket } = (await res.json()) as { ticket: string };
  const ws = new WebSocket(`${url.replace('http', 'ws')}/ws?ticket=${ticket}`, { perMessageDeflate: false });
  ws.on('message', onMessage);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return ws;
}
