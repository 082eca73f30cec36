import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { toolCacheDir } from './tool-cache.ts';

export interface PythonTool {
  /** The PyPI package, pinned: a newer release may change what it checks. */
  pkg: string;
  version: string;
  /** The executable the package installs (default: the package name). */
  binary?: string;
}

function installedVersion(binary: string): string | null {
  try {
    const out = execFileSync(binary, ['--version'], { encoding: 'utf8' });
    return /(\d+\.\d+\.\d+)/.exec(out)?.[1] ?? null;
  } catch {
    return null;
  }
}

/** A one-line error naming the tool when python3 is missing. */
export function requirePython(tool: PythonTool, env: NodeJS.ProcessEnv = process.env): void {
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore', env });
  } catch {
    throw new Error(
      `python3 is needed to install ${tool.pkg} ${tool.version} from PyPI into a virtual environment, ` +
        'and `python3` was not found on PATH: install Python 3.10 or newer (with its venv module).',
    );
  }
}

/**
 * The path of a PyPI tool's executable at its pinned version, in its own virtual environment
 * under the user's cache (`~/.cache/todo-system/<package>-venv`, never in the repository),
 * installed on first use.
 */
export function ensurePythonTool(tool: PythonTool, log: (line: string) => void = console.error): string {
  const venv = toolCacheDir(`${tool.pkg}-venv`);
  const binary = join(venv, 'bin', tool.binary ?? tool.pkg);
  if (installedVersion(binary) === tool.version) return binary;
  requirePython(tool);
  log(`installing ${tool.pkg} ${tool.version} into ${venv}`);
  if (!existsSync(join(venv, 'bin', 'python')))
    execFileSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' });
  execFileSync(
    join(venv, 'bin', 'pip'),
    ['install', '--quiet', '--disable-pip-version-check', `${tool.pkg}==${tool.version}`],
    { stdio: 'inherit' },
  );
  const version = installedVersion(binary);
  if (version !== tool.version)
    throw new Error(`${tool.pkg} ${tool.version} did not install (found ${version})`);
  return binary;
}
