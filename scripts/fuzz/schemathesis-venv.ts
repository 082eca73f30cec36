import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Schemathesis from PyPI, in a virtual environment under the user's cache (never in the
 * repository), created on first use. The version is pinned: a newer release may add checks,
 * and CI should change only when we choose to.
 */
export const SCHEMATHESIS_VERSION = '4.32.5';

const cacheRoot = () => join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'todo-system');

function installedVersion(binary: string): string | null {
  try {
    const out = execFileSync(binary, ['--version'], { encoding: 'utf8' });
    return /(\d+\.\d+\.\d+)/.exec(out)?.[1] ?? null;
  } catch {
    return null;
  }
}

/** The path of the pinned `schemathesis` executable, installing it first when missing. */
export function ensureSchemathesis(log: (line: string) => void = console.error): string {
  const venv = join(cacheRoot(), 'schemathesis-venv');
  const binary = join(venv, 'bin', 'schemathesis');
  if (installedVersion(binary) === SCHEMATHESIS_VERSION) return binary;
  log(`[fuzz] installing schemathesis ${SCHEMATHESIS_VERSION} into ${venv}`);
  if (!existsSync(join(venv, 'bin', 'python')))
    execFileSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' });
  execFileSync(
    join(venv, 'bin', 'pip'),
    ['install', '--quiet', '--disable-pip-version-check', `schemathesis==${SCHEMATHESIS_VERSION}`],
    { stdio: 'inherit' },
  );
  const version = installedVersion(binary);
  if (version !== SCHEMATHESIS_VERSION)
    throw new Error(`schemathesis ${SCHEMATHESIS_VERSION} did not install (found ${version})`);
  return binary;
}
