import { request } from 'node:http';
import type { Answer } from '../harness/api.ts';

/** The HTTP answer to a WebSocket upgrade of `path` (a refusal comes before the upgrade, as HTTP). */
export function upgradeAnswer(baseUrl: string, path: string, timeoutMs = 10_000): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}${path}`, {
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': Buffer.from('hostile-input-16').toString('base64'),
      },
      timeout: timeoutMs,
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({
        status: res.statusCode ?? 101,
        headers: new Headers(),
        contentType: '',
        text: '',
        body: undefined,
      });
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => {
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          body = undefined;
        }
        resolve({
          status: res.statusCode ?? 0,
          headers: new Headers(),
          contentType: String(res.headers['content-type'] ?? ''),
          text,
          body,
        });
      });
    });
    req.on('timeout', () => req.destroy(new Error('no answer to the upgrade')));
    req.on('error', reject);
    req.end();
  });
}
