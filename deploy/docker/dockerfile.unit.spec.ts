import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// No Docker engine runs here, so the image is checked where it can go wrong without one: a
// workspace the Dockerfile does not copy is missing from `npm ci` (its dependencies) and
// from the image (its code), and every service importing it fails at start.
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dockerfile = readFileSync(join(root, 'deploy/docker/Dockerfile'), 'utf8');
const workspaces = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { workspaces: string[] })
  .workspaces;
const lines = dockerfile.split('\n').map((l) => l.trim());

describe('the Dockerfile, given the workspaces of package.json', () => {
  it.each(workspaces)('copies %s/package.json before npm ci', (workspace) => {
    const copy = lines.indexOf(`COPY ${workspace}/package.json ${workspace}/`);
    expect(copy).toBeGreaterThan(-1);
    expect(copy).toBeLessThan(lines.findIndex((l) => l.startsWith('RUN npm ci')));
  });

  it.each(workspaces.filter((w) => w !== 'web-angular'))('copies %s into the runtime image', (workspace) => {
    const runtime = lines.slice(lines.findIndex((l) => l.endsWith('AS runtime')));
    expect(runtime).toContain(`COPY ${workspace} ./${workspace}`);
  });
});
