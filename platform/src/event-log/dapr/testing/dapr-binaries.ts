import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { goBuildEnv, goModuleDir, requireGo, runGo } from '../../../local/tools/go-tools.ts';
import { toolCacheDir } from '../../../local/tools/tool-cache.ts';

/**
 * The Dapr runtime (daprd) and its scheduler, built from the `github.com/dapr/dapr` Go
 * module with the machine's Go and the Go module proxy. 1.16.0 is the version verified
 * here: 1.16.8 fails its checksum lookup, 1.17+ need a go-etcd-cron version that is refused.
 */
export const DAPR_VERSION = process.env.DAPR_VERSION ?? '1.16.0';
const MODULE = 'github.com/dapr/dapr';

export interface DaprBinaries {
  daprd: string;
  scheduler: string;
}

/** Binaries live outside the repository, keyed by version, like the Kafka jars. */
export function daprCacheDir(): string {
  return toolCacheDir('dapr', DAPR_VERSION);
}

export function daprBinaries(): DaprBinaries {
  const dir = daprCacheDir();
  return { daprd: join(dir, 'daprd'), scheduler: join(dir, 'scheduler') };
}

/** The `replace (…)` blocks of dapr's own go.mod: the build needs the same forks it pins. */
export function replaceBlocks(goMod: string): string[] {
  return [...goMod.matchAll(/^replace \($[\s\S]*?^\)$/gm)].map((m) => m[0]);
}

/**
 * Returns the cached binaries, building them on first use in a scratch Go module under the
 * cache directory (never in the repository). A stamp file marks a complete build.
 */
export function ensureDaprBinaries(log: (msg: string) => void = () => undefined): DaprBinaries {
  const dir = daprCacheDir();
  const bins = daprBinaries();
  const stamp = join(dir, '.complete');
  if (existsSync(stamp) && existsSync(bins.daprd) && existsSync(bins.scheduler)) return bins;
  log(
    `building Dapr ${DAPR_VERSION} (daprd, scheduler) with ${requireGo('the Dapr runtime (daprd and the scheduler)', 'npm run dapr:install')} into ${dir}`,
  );
  const started = Date.now();
  const src = join(dir, 'src');
  rmSync(src, { recursive: true, force: true });
  mkdirSync(src, { recursive: true });
  const env = goBuildEnv();
  const go = (args: string[]) => runGo(args, src, log, env);
  go(['mod', 'init', 'local.todo-system/dapr-build']);
  go(['get', `${MODULE}@v${DAPR_VERSION}`]);
  const daprGoMod = readFileSync(join(env.GOMODCACHE, `${MODULE}@v${DAPR_VERSION}`, 'go.mod'), 'utf8');
  const blocks = replaceBlocks(daprGoMod);
  if (blocks.length === 0) throw new Error(`no replace blocks found in dapr ${DAPR_VERSION}'s go.mod`);
  writeFileSync(
    join(src, 'go.mod'),
    `${readFileSync(join(src, 'go.mod'), 'utf8')}\n${blocks.join('\n\n')}\n`,
  );
  go(['get', `${MODULE}/cmd/daprd@v${DAPR_VERSION}`, `${MODULE}/cmd/scheduler@v${DAPR_VERSION}`]);
  // Without the version daprd reports "edge"; without a components tag it panics at start.
  const ldflags = `-X ${MODULE}/pkg/buildinfo.version=${DAPR_VERSION}`;
  go(['build', '-tags', 'stablecomponents', '-ldflags', ldflags, '-o', bins.daprd, `${MODULE}/cmd/daprd`]);
  go(['build', '-ldflags', ldflags, '-o', bins.scheduler, `${MODULE}/cmd/scheduler`]);
  const reported = execFileSync(bins.daprd, ['--version'], { encoding: 'utf8' }).trim();
  if (!reported.includes(DAPR_VERSION)) throw new Error(`daprd reports version ${reported}`);
  writeFileSync(stamp, new Date().toISOString());
  log(`built Dapr ${DAPR_VERSION} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return bins;
}

/** The dapr module's source at the pinned version (its CRDs: `charts/dapr/crds`), downloaded when missing. */
export function daprModuleDir(log: (msg: string) => void = () => undefined): string {
  return goModuleDir(MODULE, `v${DAPR_VERSION}`, log);
}
