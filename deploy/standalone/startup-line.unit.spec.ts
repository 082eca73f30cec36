import { describe, expect, it } from '@jest/globals';
import { startupLine } from './startup-line.ts';

describe('the line npm start prints when the system is ready', () => {
  it('says where it listens, where the data is and how to stop it, on one line', () => {
    const line = startupLine({ url: 'http://127.0.0.1:8080', dataDir: '/home/ann/todo/.data', spa: true });
    expect(line).toBe(
      'Todo is ready at http://127.0.0.1:8080 · data in /home/ann/todo/.data · press Ctrl+C to stop',
    );
    expect(line).not.toContain('\n');
  });

  it('names localhost for a server bound to every interface', () => {
    expect(startupLine({ url: 'http://0.0.0.0:3000', dataDir: '/d', spa: true })).toContain(
      'ready at http://localhost:3000 ',
    );
    expect(startupLine({ url: 'http://[::]:3000', dataDir: '/d', spa: true })).toContain(
      'ready at http://localhost:3000 ',
    );
  });

  it('says how to get the SPA when it is not built', () => {
    expect(startupLine({ url: 'http://127.0.0.1:8080', dataDir: '/d', spa: false })).toBe(
      "Todo's API is ready at http://127.0.0.1:8080 (the SPA is not built: npm run build:web) · data in /d · press Ctrl+C to stop",
    );
  });
});

describe('the startup line with an outside PostgreSQL', () => {
  it('names its host and database but never its password', () => {
    const line = startupLine({
      url: 'http://127.0.0.1:8080',
      dataDir: '/d',
      databaseUrl: 'postgres://todo:s3cret@db.internal:5432/todo',
      spa: true,
    });
    expect(line).toBe(
      'Todo is ready at http://127.0.0.1:8080 · data in PostgreSQL at db.internal:5432/todo · press Ctrl+C to stop',
    );
    expect(line).not.toContain('s3cret');
  });
});
