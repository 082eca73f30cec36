// After each build: writes offline-files.json beside index.html, the list of the app's own
// files (scripts, styles, icons, manifest) that the service worker (public/sw.js) keeps at
// install, so the shell and every lazy route open offline. Their names carry content
// hashes, so the list also says when a new build needs a new copy.
import { readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const browserDir = join(import.meta.dirname, '..', 'dist', 'web-angular', 'browser');
const OWN_FILE = /\.(?:js|css|svg|png|webmanifest)$/;

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

const files = filesUnder(browserDir)
  .map((path) => `/${relative(browserDir, path).split('\\').join('/')}`)
  .filter((url) => OWN_FILE.test(url) && url !== '/sw.js')
  .sort();
writeFileSync(join(browserDir, 'offline-files.json'), `${JSON.stringify(files, null, 2)}\n`);
console.log(`offline-files.json: ${files.length} files for the service worker`);
