import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { pino } from 'pino';
import { loggerOptions } from './logger.ts';

describe('log lines', () => {
  it('are JSON when stdout is not a terminal (tests, CI, containers)', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const options = loggerOptions('info', 'todo', false);
    expect(options.transport).toBeUndefined();
    pino(options, sink).info({ url: 'http://127.0.0.1:8080' }, 'ready');
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      name: 'todo',
      msg: 'ready',
      url: 'http://127.0.0.1:8080',
    });
  });

  it('go through pino-pretty at a terminal, at the same level', () => {
    expect(loggerOptions('warn', 'todo', true)).toMatchObject({
      level: 'warn',
      transport: { target: 'pino-pretty', options: { colorize: true } },
    });
  });
});
