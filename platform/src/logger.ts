import { type LoggerOptions, pino, type Logger } from 'pino';

export type { Logger };

/**
 * pino's options: JSON lines for machines (tests, CI, containers, log shippers), and
 * pino-pretty's readable, coloured lines when a person watches the terminal.
 */
export function loggerOptions(level: string, name: string, terminal: boolean): LoggerOptions {
  if (!terminal) return { name, level };
  return {
    name,
    level,
    transport: {
      target: 'pino-pretty',
      options: { colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,name' },
    },
  };
}

export function createLogger(
  level = process.env.LOG_LEVEL ?? 'info',
  name = 'todo',
  terminal = process.stdout.isTTY === true,
): Logger {
  return pino(loggerOptions(level, name, terminal));
}
