import { execFileSync, type ExecFileSyncOptions } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toolCacheDir } from './tool-cache.ts';

/**
 * Tools built from Go modules with the machine's Go and the Go module proxy (daprd, helm,
 * actionlint), cached outside the repository, keyed by version.
 */

/** The `go version` line; a one-line error naming what needs Go when it is missing. */
export function requireGo(needs: string, retry: string, env: NodeJS.ProcessEnv = process.env): string {
  try {
    return execFileSync('go', ['version'], { encoding: 'utf8', env }).trim();
  } catch {
    throw new Error(
      `Go is needed to build ${needs} from its Go module, and \`go\` was not found on PATH: ` +
        `install Go 1.24 or newer (https://go.dev/dl/) and run \`${retry}\` again.`,
    );
  }
}

export function goEnv(name: string): string | undefined {
  const value = execFileSync('go', ['env', name], { encoding: 'utf8' }).trim();
  return value === '' ? undefined : value;
}

/**
 * The environment of a build: `-mod=mod` (a scratch module resolves its own versions, which
 * a vendor/readonly default would refuse) and Go's normal module and build caches.
 */
export function goBuildEnv(): NodeJS.ProcessEnv & { GOMODCACHE: string; GOCACHE: string } {
  return {
    ...process.env,
    GOFLAGS: process.env.GOFLAGS ? `${process.env.GOFLAGS} -mod=mod` : '-mod=mod',
    GOMODCACHE: process.env.GOMODCACHE ?? goEnv('GOMODCACHE') ?? toolCacheDir('go-mod'),
    GOCACHE: process.env.GOCACHE ?? goEnv('GOCACHE') ?? toolCacheDir('go-build'),
  };
}

export function runGo(args: string[], cwd: string, log: (msg: string) => void, env = goBuildEnv()): void {
  log(`go ${args.join(' ')}`);
  const options: ExecFileSyncOptions = { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] };
  execFileSync('go', args, options);
}

/** Where a module's source sits in the module cache, downloading it first when missing. */
export function goModuleDir(module: string, version: string, log: (msg: string) => void): string {
  const env = goBuildEnv();
  const dir = join(env.GOMODCACHE, `${module}@${version}`);
  if (existsSync(join(dir, 'go.mod'))) return dir;
  log(`go mod download ${module}@${version}`);
  const out = execFileSync('go', ['mod', 'download', '-json', `${module}@${version}`], {
    encoding: 'utf8',
    env,
    cwd: toolCacheDir(),
  });
  return (JSON.parse(out) as { Dir: string }).Dir;
}

export interface GoTool {
  /** The binary's name, also its cache folder: `~/.cache/todo-system/<name>/<version>/`. */
  name: string;
  /** The main package, e.g. `helm.sh/helm/v3/cmd/helm`. */
  pkg: string;
  /** The module version, with its `v`. */
  version: string;
  /** `-ldflags` for the build (a version string the binary reports, say). */
  ldflags?: string;
}

/**
 * The cached binary of a Go main package at a pinned version, built on first use with
 * `go install pkg@version` (no module of ours involved). A stamp file marks a complete build.
 */
export function ensureGoTool(
  tool: GoTool,
  retry: string,
  log: (msg: string) => void = () => undefined,
): string {
  const dir = toolCacheDir(tool.name, tool.version);
  const binary = join(dir, tool.name);
  const stamp = join(dir, '.complete');
  if (existsSync(stamp) && existsSync(binary)) return binary;
  log(
    `building ${tool.name} ${tool.version} with ${requireGo(`${tool.name} ${tool.version}`, retry)} into ${dir}`,
  );
  const started = Date.now();
  mkdirSync(dir, { recursive: true });
  const env = { ...goBuildEnv(), GOBIN: dir };
  const ldflags = tool.ldflags ? ['-ldflags', tool.ldflags] : [];
  runGo(['install', ...ldflags, `${tool.pkg}@${tool.version}`], dir, log, env);
  writeFileSync(stamp, new Date().toISOString());
  log(`built ${tool.name} ${tool.version} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return binary;
}
