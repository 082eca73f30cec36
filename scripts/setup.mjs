// One idempotent set-up step used by `npm start`, `npm test` and `npm run bench`.
// It runs on whatever Node started it (the machines here ship Node 20), installs the
// workspace dependencies when package-lock.json changed, and makes sure every later
// `node` in an npm script is Node 24: the system's own when it already is 24+, otherwise
// the binary from the npm registry's `node` package, kept in a cache outside node_modules.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const NODE_MAJOR = 24;
const log = (msg) => process.stderr.write(`[setup] ${msg}\n`);

function run(cmd, args, cwd = root) {
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'], env: process.env });
}

function lockHash() {
  const lock = join(root, 'package-lock.json');
  return createHash('sha256').update(readFileSync(lock)).digest('hex');
}

function ensureDependencies() {
  const stamp = join(root, 'node_modules', '.setup-stamp');
  const hash = lockHash();
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return;
  // A fresh clone gets exactly the lock file; an existing tree is updated in place, so
  // processes already running from node_modules are not pulled out from under.
  const fresh = !existsSync(join(root, 'node_modules'));
  log(fresh ? 'installing dependencies (npm ci)…' : 'package-lock.json changed: updating dependencies…');
  run('npm', [fresh ? 'ci' : 'install', '--no-audit', '--no-fund', '--loglevel=error']);
  writeFileSync(stamp, hash);
}

function nodeMajor(binary) {
  try {
    const v = execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim();
    return Number(v.replace(/^v/, '').split('.')[0]);
  } catch {
    return 0;
  }
}

/** Finds a Node >= 24 on PATH outside node_modules/.bin, i.e. the user's own. */
function systemNodeIs24() {
  const bin = join(root, 'node_modules', '.bin');
  const dirs = (process.env.PATH ?? '').split(':').filter((d) => d && resolve(d) !== bin);
  for (const d of dirs) {
    const candidate = join(d, 'node');
    if (existsSync(candidate)) return nodeMajor(candidate) >= NODE_MAJOR;
  }
  return false;
}

function ensureNode24() {
  const shim = join(root, 'node_modules', '.bin', 'node');
  if (systemNodeIs24()) {
    // The user's Node is new enough: never route them through a downloaded one.
    if (existsSync(shim)) rmSync(shim);
    return;
  }
  if (existsSync(shim) && nodeMajor(shim) >= NODE_MAJOR) return;
  const cache = join(
    process.env.XDG_CACHE_HOME ?? join(process.env.HOME ?? root, '.cache'),
    'todo-system',
    'node24',
  );
  const binary = join(cache, 'node_modules', 'node', 'bin', 'node');
  if (nodeMajor(binary) < NODE_MAJOR) {
    log(
      `system Node is ${process.version}; installing Node ${NODE_MAJOR} from the npm registry into ${cache}…`,
    );
    mkdirSync(cache, { recursive: true });
    writeFileSync(
      join(cache, 'package.json'),
      JSON.stringify({ private: true, allowScripts: { node: true } }),
    );
    run('npm', ['install', '--no-audit', '--no-fund', '--no-save', `node@${NODE_MAJOR}`], cache);
  }
  mkdirSync(dirname(shim), { recursive: true });
  if (existsSync(shim)) rmSync(shim);
  symlinkSync(binary, shim);
  log(`using ${binary} (${execFileSync(shim, ['--version'], { encoding: 'utf8' }).trim()})`);
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** `npm start` serves the built SPA: build it when missing or older than its sources. */
function ensureWebBuild() {
  const index = join(root, 'web-angular', 'dist', 'web-angular', 'browser', 'index.html');
  const sources = join(root, 'web-angular', 'src');
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(sources)) return;
  log('building the web app…');
  run('npm', ['run', 'build:web']);
}

ensureDependencies();
ensureNode24();
if (process.argv.includes('--web')) ensureWebBuild();
