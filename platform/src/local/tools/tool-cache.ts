import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The project's cache of installed tools, outside the repository:
 * `$XDG_CACHE_HOME/todo-system/…` (default `~/.cache/todo-system/…`), created on use.
 */
export function toolCacheDir(...parts: string[]): string {
  const dir = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'todo-system', ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
}
