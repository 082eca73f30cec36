import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where `npm run build:web` writes the SPA (and where the image copies it to). */
const SPA_DIR = resolve(fileURLToPath(import.meta.url), '../../../web-angular/dist/web-angular/browser');

/** The SPA's folder when it has been built, else null: the APIs run without it. */
export function builtSpaDir(): string | null {
  return existsSync(join(SPA_DIR, 'index.html')) ? SPA_DIR : null;
}
