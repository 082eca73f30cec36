import { rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * No broker: consumer tests write pact files here and the provider verifications read
 * them in the same run (the sequencer beside this file runs consumers first).
 */
export const PACT_DIR = join(process.cwd(), 'pacts');

export const SPA = 'todo-web-angular';
export const MCP = 'todo-mcp';
export const REST_API = 'todo-rest-api';
export const TASKS_PROJECTION = 'todo-tasks-projection';
export const WRITE_SIDE = 'todo-write-side';

export function pactFile(consumer: string, provider: string): string {
  return join(PACT_DIR, `${consumer}-${provider}.json`);
}

/** A consumer test owns its pact file: start from nothing so no removed interaction lingers. */
export function removePactFile(consumer: string, provider: string): void {
  rmSync(pactFile(consumer, provider), { force: true });
}
