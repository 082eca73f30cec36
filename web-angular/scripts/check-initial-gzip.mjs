// Enforces the budget on what matters for the network: initial JavaScript
// ≤ 250 kB gzipped. Angular's own budgets (angular.json) measure raw bytes, so they are
// set to 750 kB raw (≈ 3:1 gzip ratio for minified Angular code) as a first gate, and
// this check measures the real gzipped size of the initial scripts after each build.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const LIMIT_BYTES = 250 * 1000;
const browserDir = join(import.meta.dirname, '..', 'dist', 'web-angular', 'browser');
const html = readFileSync(join(browserDir, 'index.html'), 'utf8');
const initial = new Set(
  [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="([^"]+\.js)"/g)].map((m) => m[1]),
);
let total = 0;
for (const file of initial) {
  const size = gzipSync(readFileSync(join(browserDir, file)), { level: 9 }).length;
  total += size;
  console.log(`${file}: ${(size / 1000).toFixed(1)} kB gzipped`);
}
console.log(`initial JavaScript: ${(total / 1000).toFixed(1)} kB gzipped (limit ${LIMIT_BYTES / 1000} kB)`);
if (initial.size === 0) {
  console.error('no initial scripts found in index.html');
  process.exit(1);
}
if (total > LIMIT_BYTES) {
  console.error('initial JavaScript is over budget');
  process.exit(1);
}
