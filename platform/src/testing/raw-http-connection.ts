import { connect, type Socket } from 'node:net';
import { parseHttpAnswer } from './http-answer.ts';

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * One HTTP/1.1 connection driven by hand, so that a test decides when each byte is sent (the
 * rest of a body only after the refusal was read, as a slow client on a busy machine does).
 * Answers are framed by `parseHttpAnswer`.
 */
export class RawHttpConnection {
  private received = Buffer.alloc(0);
  private waiters: (() => void)[] = [];
  ended = false;
  failure: Error | null = null;
  readonly socket: Socket;

  constructor(port: number) {
    this.socket = connect(port, '127.0.0.1');
    this.socket.on('data', (chunk: Buffer) => {
      this.received = Buffer.concat([this.received, chunk]);
      this.wake();
    });
    this.socket.on('end', () => {
      this.ended = true;
      this.wake();
    });
    this.socket.on('error', (error) => {
      this.failure = error;
      this.wake();
    });
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  private changed(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** The next whole answer; throws if the connection ends or fails first. */
  async answer(): Promise<RawAnswer> {
    for (;;) {
      const answer = parseHttpAnswer(this.received);
      if (answer) {
        const [, ...lines] = answer.head.split('\r\n');
        const headers = Object.fromEntries(
          lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
        );
        this.received = this.received.subarray(answer.end);
        return { status: answer.status, headers, body: answer.body.toString('utf8') };
      }
      if (this.failure) throw this.failure;
      if (this.ended) throw new Error('the server ended the connection before answering');
      await this.changed();
    }
  }

  /** Writes, waiting for the socket to take it; false once the server ended or failed it. */
  async send(data: string | Buffer): Promise<boolean> {
    if (this.ended || this.failure) return false;
    if (!this.socket.write(data)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.socket.off('drain', done).off('close', done);
          resolve();
        };
        this.socket.on('drain', done).on('close', done);
      });
    }
    return !this.ended && !this.failure;
  }

  async untilEnded(): Promise<void> {
    while (!this.ended && !this.failure) await this.changed();
  }

  close(): void {
    this.socket.destroy();
  }
}
